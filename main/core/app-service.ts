// AppService: the core's side of the window contract (common/contract.ts).
// One method per call, named after its channel; both faces (Electron IPC and
// the HTTP face) go through `handle`, which validates the request and the
// answer against the table. Nothing here throws: failures become
// { ok: false, error: { code, message } } with words a person can act on.
import {
  INVOKE_CHANNELS,
  validateRequest,
  validateResponse,
  type ContractHandlers,
  type ContractResponse,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type ParsedRequest,
} from '../../common/contract';
import { isCodedError } from '../../common/errors';
import { err, ok, type Result } from '../../common/result';
import type { AppInfo } from '../../common/schemas';
import { applySettingsPatch, SECRET_NAMES, type SettingsPatch } from '../../common/settings';
import { describeIssues, validateSettingsPatch } from '../../common/settings-validation';
import { readingsToCsv } from './app-service/csv';
import type { AppServiceDeps, AppSources, ConnectionTesters } from './app-service/deps';
import { TypedEmitter, type Unsubscribe } from './events';
import { readSecrets, secretStorageView, type SecretValues } from './settings/secret-box';
import { toSettingsView } from './settings/settings-view';

export type AppServiceEvents = { [E in EventChannel]: EventPayload<E> };

/** More rows than this is more than a window should hold as one text; the CLI exports any range. */
export const CSV_MAX_ROWS = 200_000;

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);

export class AppService implements ContractHandlers {
  readonly #deps: AppServiceDeps;
  readonly #events: TypedEmitter<AppServiceEvents>;
  #sources: AppSources;
  #unsubscribe: Unsubscribe[] = [];
  readonly #info: AppInfo;

  constructor(deps: AppServiceDeps) {
    this.#deps = deps;
    this.#events = new TypedEmitter((e, name) => deps.logger.error(`a ${String(name)} listener failed`, { error: e }));
    this.#info = { ...deps.app, startedTs: deps.clock.now() };
    this.#sources = { collector: deps.collector, store: deps.store, sync: deps.sync, ...(deps.trueEnergy && { trueEnergy: deps.trueEnergy }) };
    this.#attach(this.#sources);
    // Faces pass methods around as plain functions (handlers[channel](req), events: service.onAny).
    for (const name of [...INVOKE_CHANNELS, 'on', 'onAny', 'handle', 'invoke', 'dispose'] as const) {
      Object.defineProperty(this, name, { value: (this[name] as (...a: unknown[]) => unknown).bind(this) });
    }
  }

  on<E extends EventChannel>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
    return this.#events.on(name, listener);
  }

  /** Every event with its name: what the faces forward to windows. */
  onAny(listener: <E extends EventChannel>(name: E, payload: EventPayload<E>) => void): Unsubscribe {
    return this.#events.onAny(listener);
  }

  /** The faces' entry point: an untrusted channel name and request in, a checked Result out. */
  async handle(channel: string, raw: unknown): Promise<Result<unknown>> {
    const request = validateRequest(channel, raw);
    if (!request.ok) {
      this.#deps.logger.warn('refused a request', { channel, reason: request.error.message });
      return request;
    }
    const c = channel as InvokeChannel;
    const method = this[c] as (r: unknown) => Promise<Result<unknown>>;
    const result = await method.call(this, request.value);
    if (!result.ok) return result;
    const checked = validateResponse(c, result.value);
    if (checked.ok) return checked;
    this.#deps.logger.error('an answer did not fit the contract', { channel, reason: checked.error.message });
    return err('internal', `The app produced an answer to ${channel} it should not have; the log has the details.`);
  }

  /** Typed call for in-process callers (tests, the CLI). */
  invoke<C extends InvokeChannel>(channel: C, request: ParsedRequest<C>): Promise<Result<ContractResponse<C>>> {
    return (this[channel] as (r: ParsedRequest<C>) => Promise<Result<ContractResponse<C>>>).call(this, request);
  }

  dispose(): void {
    for (const u of this.#unsubscribe) u();
    this.#unsubscribe = [];
  }

  async 'status:get'(): Promise<Result<ContractResponse<'status:get'>>> {
    return this.#run('status:get', () => ok({ app: { ...this.#info }, collector: this.#sources.collector.status(), sync: this.#sources.sync?.status() ?? null }));
  }

  async 'series:query'(q: ParsedRequest<'series:query'>): Promise<Result<ContractResponse<'series:query'>>> {
    return this.#run('series:query', async () => ok(await this.#sources.store.series(q)));
  }

  async 'energy:query'(q: ParsedRequest<'energy:query'>): Promise<Result<ContractResponse<'energy:query'>>> {
    return this.#run('energy:query', async () => ok(await this.#sources.store.energy(q)));
  }

  async 'export:csv'(q: ParsedRequest<'export:csv'>): Promise<Result<ContractResponse<'export:csv'>>> {
    return this.#run('export:csv', async () => {
      const readings = [...(await this.#sources.store.range({ ...q, limit: CSV_MAX_ROWS + 1 }))];
      if (readings.length > CSV_MAX_ROWS) {
        return err('bad-request', `That range holds more than ${CSV_MAX_ROWS} readings: export a shorter range here, or all of it with "paku-ecoflow export --device ${q.sn} --format csv".`);
      }
      const { csv, rows } = readingsToCsv(readings);
      return ok({ filename: `paku-ecoflow-${q.sn}-${day(q.from)}-${day(q.to)}.csv`, rows, csv });
    });
  }

  async 'settings:get'(): Promise<Result<ContractResponse<'settings:get'>>> {
    return this.#run('settings:get', () => ok(toSettingsView(this.#deps.settings.get(), this.#deps.secrets)));
  }

  async 'settings:update'(raw: ParsedRequest<'settings:update'>): Promise<Result<ContractResponse<'settings:update'>>> {
    return this.#run('settings:update', () => {
      const { settings, secrets: box } = this.#deps;
      this.#registerSecrets(raw);
      const current = settings.get();
      const checked = validateSettingsPatch(current, raw);
      if (!checked.ok) return err('bad-request', describeIssues(checked.issues));
      const patch = checked.patch;
      if (patch.secretsSessionOnly !== undefined) box.setSessionOnly?.(patch.secretsSessionOnly);
      const changes = Object.entries(patch.secrets ?? {}).filter(([, v]) => v !== undefined) as [keyof SecretValues, string | null][];
      const storage = secretStorageView(box);
      if (changes.some(([, v]) => v !== null) && !storage.available) {
        return err('secret-storage-unavailable', storage.reason ?? 'Secrets cannot be stored on this system.');
      }
      for (const [name, value] of changes) {
        if (value === null) box.delete(name);
        else box.set(name, value);
      }
      settings.set(applySettingsPatch(current, patch));
      const view = toSettingsView(settings.get(), box);
      this.#deps.logger.info('settings changed', { sections: Object.keys(patch).join(',') });
      this.#events.emit('settings:changed', view);
      return ok(view);
    });
  }

  async 'settings:testEcoflow'(patch: ParsedRequest<'settings:testEcoflow'>): Promise<Result<ContractResponse<'settings:testEcoflow'>>> {
    return this.#run('settings:testEcoflow', () => this.#test('testEcoflow', patch));
  }

  async 'settings:testPostgres'(patch: ParsedRequest<'settings:testPostgres'>): Promise<Result<ContractResponse<'settings:testPostgres'>>> {
    return this.#run('settings:testPostgres', () => this.#test('testPostgres', patch));
  }

  async 'sync:setPaused'(paused: ParsedRequest<'sync:setPaused'>): Promise<Result<ContractResponse<'sync:setPaused'>>> {
    return this.#run('sync:setPaused', async () => {
      const sync = this.#sources.sync;
      if (!sync) return err('not-configured', 'Sync to Postgres is not set up: add a Postgres URL in Settings → Postgres.');
      await sync.setPaused(paused);
      return ok(sync.status());
    });
  }

  async 'output:set'(req: ParsedRequest<'output:set'>): Promise<Result<ContractResponse<'output:set'>>> {
    return this.#run('output:set', async () => {
      const outcome = await this.#sources.collector.setOutput(req.sn, req.output, req.on);
      if (outcome && !outcome.ok) return outcome;
      return ok({ ...req, acceptedTs: this.#deps.clock.now() });
    });
  }

  async 'diagnostics:get'(): Promise<Result<ContractResponse<'diagnostics:get'>>> {
    return this.#run('diagnostics:get', () => {
      const { connection, lastError, counters, devices } = this.#sources.collector.status();
      const settingsPath = this.#deps.settings.path;
      return ok({
        app: { ...this.#info },
        versions: { app: this.#info.version, node: process.versions.node, platform: `${process.platform}-${process.arch}`, ...this.#deps.diagnostics?.versions },
        paths: { ...(settingsPath ? { settings: settingsPath } : {}), ...this.#deps.diagnostics?.paths },
        collector: { connection, lastError, counters: { ...counters }, devices: devices.length },
        sync: this.#sources.sync?.status() ?? null,
        secretStorage: secretStorageView(this.#deps.secrets),
        demo: this.#sources.trueEnergy ? { trueEnergy: this.#sources.trueEnergy() } : null,
      });
    });
  }

  async 'app:startDemo'(): Promise<Result<ContractResponse<'app:startDemo'>>> {
    return this.#run('app:startDemo', async () => {
      if (this.#info.demo) return ok({ ...this.#info });
      const start = this.#deps.startDemo;
      if (!start) return err('not-configured', 'The demo cannot start here: run "paku-ecoflow serve --demo" instead.');
      this.#attach(await start());
      this.#info.demo = true;
      this.#deps.logger.info('switched to the simulator (demo)');
      this.#events.emit('status:changed', this.#sources.collector.status());
      const sync = this.#sources.sync;
      if (sync) this.#events.emit('sync:changed', sync.status());
      return ok({ ...this.#info });
    });
  }

  #attach(sources: AppSources): void {
    this.dispose();
    this.#sources = sources;
    this.#unsubscribe.push(sources.collector.onStatus((s) => this.#events.emit('status:changed', s)));
    if (sources.sync) this.#unsubscribe.push(sources.sync.onStatus((s) => this.#events.emit('sync:changed', s)));
  }

  #registerSecrets(patch: SettingsPatch | undefined): void {
    for (const name of SECRET_NAMES) this.#deps.redactor?.register(patch?.secrets?.[name]);
  }

  async #test(which: keyof ConnectionTesters, raw: SettingsPatch | undefined): Promise<Result<ContractResponse<'settings:testEcoflow'>>> {
    this.#registerSecrets(raw);
    const saved = this.#deps.settings.get();
    const checked = validateSettingsPatch(saved, raw ?? {});
    if (!checked.ok) return err('bad-request', describeIssues(checked.issues));
    const secrets = { ...readSecrets(this.#deps.secrets) };
    for (const [name, value] of Object.entries(checked.patch.secrets ?? {})) if (value !== undefined) secrets[name as keyof SecretValues] = value;
    const result = await this.#deps.testers[which](applySettingsPatch(saved, checked.patch), secrets);
    const redact = (t: string) => this.#deps.redactor?.redact(t) ?? t;
    return ok({ ok: result.ok, checks: result.checks.map((c) => ({ ...c, message: redact(c.message), fix: c.fix === null ? null : redact(c.fix) })) });
  }

  async #run<T>(channel: InvokeChannel, fn: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await fn();
    } catch (e) {
      if (isCodedError(e)) {
        this.#deps.logger.warn(`${channel} failed`, { code: e.code, error: e.message });
        return err(e.code, this.#deps.redactor?.redact(e.message) ?? e.message);
      }
      this.#deps.logger.error(`${channel} failed unexpectedly`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return err('internal', `Something went wrong inside the app while handling ${channel}; the log has the details.`);
    }
  }
}
