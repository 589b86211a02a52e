// The EcoFlow side of the app: certification → device list → quota/all seed
// per device → one MQTT session; merges every update into each device's state
// and hands out decoded readings. Watchdog remedies (snapshots, offline
// checks, reconnects) and output switching go through here.
import type { Reading } from '../../../common/reading';
import { isCodedError, type ErrorCode } from '../../../common/errors';
import { err, ok, type AppError, type Result } from '../../../common/result';
import type { CloudConnection, CollectorStatus, DeviceStateKind, DeviceStatus, OutputKind } from '../../../common/schemas';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import type { KeyValueStore } from '../store/types';
import { Backoff } from './backoff';
import { installationClientId } from './client-id';
import { detectFamily, FAMILY_LABELS, isSupportedFamily } from './decoders';
import { DeviceState } from './device-state';
import { Ingest } from './ingest';
import { MqttSession, type ConnectMqtt, type SessionState } from './mqtt-session';
import { outputCommand } from './output-commands';
import { PendingOutputs } from './pending-outputs';
import type { RawMap } from './raw';
import { EcoFlowRestClient, type EcoFlowKeys } from './rest-client';
import type { CloudDevice } from './rest-schemas';
import { Watchdog, type WatchdogTimings } from './watchdog';

export interface CollectorOptions {
  keys: EcoFlowKeys;
  /** 'eu', 'us' or a base URL. */
  baseUrl: string;
  /** Extra CA (PEM) for REST and MQTT, e.g. the simulator's; otherwise Node's trust store. */
  ca?: string;
  /** Serials to collect; default every device on the account. */
  devices?: readonly string[];
  clock: Clock;
  logger: Logger;
  /** Persists the installation id behind the one MQTT client id. */
  kv: KeyValueStore;
  connectMqtt?: ConnectMqtt;
  watchdog?: Partial<WatchdogTimings>;
  /** How long a switched output may stay unconfirmed (default 60 s). */
  outputTimeoutMs?: number;
}

interface Device {
  info: CloudDevice;
  state: DeviceState;
  online: boolean | null;
  kind: DeviceStateKind;
  reason: string;
  /** Set when the cloud refuses this device (1006); shown instead of the watchdog's reason until data arrives. */
  refused: string | null;
  lastDataTs: number | null;
}

/** Errors retrying cannot fix: the person has to change keys, region or clock. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set(['ecoflow-bad-key', 'ecoflow-wrong-region', 'ecoflow-bad-signature', 'clock-skew']);

const appError = (e: unknown): AppError => (isCodedError(e) ? { code: e.code, message: e.message } : { code: 'internal', message: e instanceof Error ? e.message : String(e) });

export class Collector {
  readonly #o: Readonly<CollectorOptions>;
  readonly #log: Logger;
  readonly #rest: EcoFlowRestClient;
  readonly #ingest: Ingest;
  readonly #watchdog: Watchdog;
  readonly #pending: PendingOutputs;
  readonly #devices = new Map<string, Device>();
  readonly #readingListeners = new Set<(reading: Reading) => void>();
  readonly #statusListeners = new Set<(status: CollectorStatus) => void>();
  readonly #snapshotsInFlight = new Set<string>();
  readonly #startBackoff = new Backoff();
  #session: MqttSession | null = null;
  #connection: CloudConnection = 'connecting';
  #lastError: AppError | null = null;
  #retryTimer: TimerHandle | null = null;
  /** The last failed start and how often it failed the same way in a row: a long outage logs one ERROR line, not one per retry. */
  #startFailure: { code: string; message: string; attempts: number } | null = null;
  #stopped = false;
  #commandSeq = 0;

  constructor(opts: Readonly<CollectorOptions>) {
    this.#o = opts;
    this.#log = opts.logger.child('ecoflow');
    this.#rest = new EcoFlowRestClient({ keys: opts.keys, baseUrl: opts.baseUrl, clock: opts.clock, ...(opts.ca && { ca: opts.ca }) });
    this.#ingest = new Ingest(this.#log, {
      reading: (state, reading) => this.#onReading(state.sn, reading),
      streamData: (sn) => this.#watchdog.streamData(sn),
      status: (sn, online) => this.#setOnline(sn, online),
      setReply: (sn, id, okReply) => this.#log.info('command reply', { sn, id, ok: okReply }),
    });
    this.#watchdog = new Watchdog(opts.clock, {
      requestSnapshot: (sn) => void this.#snapshot(sn),
      confirmOffline: (sn) => void this.#confirmOffline(sn),
      requestReconnect: () => {
        this.#log.warn('no device has sent data for minutes; reconnecting to the broker');
        this.#session?.reconnectNow();
      },
      changed: (sn, kind, reason) => this.#deviceChanged(sn, kind, reason),
    }, opts.watchdog);
    this.#pending = new PendingOutputs(opts.clock, (sn, p) => {
      this.#lastError = { code: 'command-failed', message: `${this.#name(sn)} did not confirm switching the ${p.output.toUpperCase()} output ${p.on ? 'on' : 'off'}; check the device and try again.` };
      this.#emitStatus();
    }, opts.outputTimeoutMs);
  }

  /**
   * Connects: certification, device list, a snapshot per device, then MQTT.
   * Resolves err when the first attempt fails; wrong keys/region/clock stop there (connection
   * 'auth-failed'), other failures (network, TLS, cloud errors) are retried in the background.
   */
  async start(): Promise<Result<void>> {
    this.#stopped = false;
    this.#setConnection('connecting');
    try {
      const creds = await this.#rest.certification();
      if (this.#stopped) return ok(undefined);
      await this.#loadDevices(await this.#rest.deviceList());
      if (this.#stopped) return ok(undefined);
      this.#watchdog.start();
      this.#session = new MqttSession({
        clientId: installationClientId(this.#o.kv, this.#o.keys.accessKey),
        credentials: creds,
        refreshCredentials: () => this.#rest.certification(),
        serials: [...this.#devices.keys()],
        clock: this.#o.clock,
        logger: this.#log.child('mqtt'),
        ...(this.#o.ca && { ca: this.#o.ca }),
        ...(this.#o.connectMqtt && { connect: this.#o.connectMqtt }),
        onMessage: (topic, payload) => this.handleMessage(topic, payload),
        onState: (state, error) => this.#sessionState(state, error),
      });
      this.#session.start();
      this.#startBackoff.reset();
      if (this.#startFailure) this.#log.info('reached the EcoFlow cloud again', { failedAttempts: this.#startFailure.attempts });
      this.#startFailure = null;
      return ok(undefined);
    } catch (e) {
      const error = appError(e);
      this.#lastError = error;
      this.#logStartFailure(error);
      if (PERMANENT.has(error.code)) this.#setConnection('auth-failed');
      else this.#retryStart();
      return err(error.code, error.message);
    }
  }

  /** Closes the MQTT session and timers; resolves within about two seconds. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#retryTimer?.cancel();
    this.#startFailure = null;
    this.#watchdog.stop();
    this.#pending.clear();
    await this.#session?.stop();
    this.#session = null;
    this.#setConnection('stopped');
  }

  /** Reconnects MQTT now and refreshes every device's snapshot (resume from sleep). */
  reconnectNow(): void {
    if (this.#stopped) return;
    this.#session?.reconnectNow();
    for (const sn of this.#devices.keys()) void this.#snapshot(sn);
  }

  status(): CollectorStatus {
    const c = this.#ingest.counters;
    return {
      connection: this.#connection,
      lastError: this.#lastError,
      devices: [...this.#devices.keys()].map((sn) => this.#deviceStatus(sn)),
      counters: { messages: c.messages, malformed: c.malformed, implausible: c.implausible, snapshots: c.snapshots, reconnects: this.#session?.reconnects ?? 0 },
    };
  }

  /** Every merged update (decoded, guarded). Returns an unsubscribe function. */
  onReading(cb: (reading: Reading) => void): () => void {
    this.#readingListeners.add(cb);
    return () => this.#readingListeners.delete(cb);
  }

  /** Connection, device state and pending-output changes. Returns an unsubscribe function. */
  onStatus(cb: (status: CollectorStatus) => void): () => void {
    this.#statusListeners.add(cb);
    return () => this.#statusListeners.delete(cb);
  }

  /** The merged raw key map of a device (read-only view for unknown models), or null. */
  rawKeys(sn: string): RawMap | null {
    return this.#devices.get(sn)?.state.rawSnapshot() ?? null;
  }

  /** Switches an output via REST; pending in DeviceStatus until the device reports the new state. */
  async setOutput(sn: string, output: OutputKind, on: boolean): Promise<Result<void>> {
    const d = this.#devices.get(sn);
    if (!d) return err('not-found', `No device ${sn} on this account.`);
    const cmd = outputCommand(d.state.family, sn, output, on, this.#o.clock.now() * 1000 + (this.#commandSeq++ % 1000));
    if (!cmd.ok) return cmd;
    if (d.state.latest?.[cmd.value.field] === (on ? 1 : 0)) return ok(undefined);
    this.#pending.add(sn, output, on);
    this.#emitStatus();
    try {
      await this.#rest.quotaSet(cmd.value.body);
      return ok(undefined);
    } catch (e) {
      this.#pending.remove(sn, output);
      this.#emitStatus();
      const error = appError(e);
      return err('command-failed', `Could not switch the ${output.toUpperCase()} output of ${this.#name(sn)} ${on ? 'on' : 'off'}: ${error.message}`);
    }
  }

  /** The MQTT message entry point. Never throws. */
  handleMessage(topic: string, payload: Uint8Array): void {
    this.#ingest.handle(topic, payload, this.#o.clock.now());
  }

  async #loadDevices(list: CloudDevice[]): Promise<void> {
    const wanted = this.#o.devices?.length ? new Set(this.#o.devices) : null;
    for (const sn of wanted ?? []) {
      if (!list.some((d) => d.sn === sn)) this.#log.warn('device not on this account (shared devices are not available through the developer API)', { sn });
    }
    for (const info of list) {
      if (wanted && !wanted.has(info.sn)) continue;
      const state = new DeviceState(info.sn, detectFamily(info));
      this.#devices.set(info.sn, { info, state, online: info.online ?? null, kind: 'connecting', reason: 'waiting for the first data', refused: null, lastDataTs: null });
      this.#ingest.add(state);
      this.#watchdog.addDevice(info.sn, info.online ?? null);
      if (!isSupportedFamily(state.family)) this.#log.info('unknown model: kept read-only with its raw keys', { sn: info.sn, model: info.productName });
      await this.#snapshot(info.sn);
    }
  }

  async #snapshot(sn: string): Promise<void> {
    if (this.#snapshotsInFlight.has(sn)) return;
    this.#snapshotsInFlight.add(sn);
    try {
      const raw = await this.#rest.quotaAll(sn);
      if (this.#stopped) return;
      this.#ingest.applySnapshot(sn, raw, this.#o.clock.now());
      this.#watchdog.snapshotData(sn);
    } catch (e) {
      const error = appError(e);
      this.#log.warn('snapshot failed', { sn, error: error.message });
      const d = this.#devices.get(sn);
      if (d && error.code === 'ecoflow-model-not-allowed') {
        d.refused = 'EcoFlow refuses this model on the developer API (1006)';
        this.#emitStatus();
      }
    } finally {
      this.#snapshotsInFlight.delete(sn);
    }
  }

  async #confirmOffline(sn: string): Promise<void> {
    try {
      const listed = (await this.#rest.deviceList()).find((d) => d.sn === sn);
      if (!this.#stopped) this.#setOnline(sn, listed?.online ?? false);
    } catch (e) {
      this.#log.warn('could not check the device list', { sn, error: appError(e).message });
    }
  }

  /** ERROR for a new failure; DEBUG (with the attempt number) while it repeats unchanged. */
  #logStartFailure(error: AppError): void {
    const last = this.#startFailure;
    if (last && last.code === error.code && last.message === error.message) {
      last.attempts += 1;
      this.#log.debug('could not connect to the EcoFlow cloud (unchanged)', { error: error.message, attempt: last.attempts });
      return;
    }
    this.#startFailure = { code: error.code, message: error.message, attempts: 1 };
    this.#log.error('could not connect to the EcoFlow cloud', { error: error.message });
  }

  #retryStart(): void {
    if (this.#stopped) return;
    this.#setConnection('reconnecting');
    const delay = this.#startBackoff.next();
    this.#retryTimer = this.#o.clock.setTimeout(() => void this.start(), delay);
  }

  #onReading(sn: string, reading: Reading): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    d.lastDataTs = this.#o.clock.now();
    d.refused = null;
    const confirmed = this.#pending.confirm(reading);
    for (const cb of this.#readingListeners) cb(reading);
    if (confirmed) this.#emitStatus();
  }

  #setOnline(sn: string, online: boolean): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    d.online = online;
    this.#watchdog.setOnline(sn, online);
  }

  #deviceChanged(sn: string, kind: DeviceStateKind, reason: string): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    d.kind = kind;
    d.reason = reason;
    this.#emitStatus();
  }

  #sessionState(state: SessionState, error: AppError | null): void {
    if (error) this.#lastError = error;
    else if (state === 'connected') this.#lastError = null;
    this.#watchdog.setLink(state === 'connected' ? 'up' : state === 'auth-failed' ? 'auth-failed' : 'down');
    // Every session state is a CloudConnection of the same name.
    this.#setConnection(state);
  }

  #setConnection(c: CloudConnection): void {
    this.#connection = c;
    this.#emitStatus();
  }

  #name(sn: string): string {
    return this.#devices.get(sn)?.info.deviceName ?? sn;
  }

  #deviceStatus(sn: string): DeviceStatus {
    const d = this.#devices.get(sn)!;
    const family = d.state.family;
    return {
      sn,
      model: d.info.productName ?? FAMILY_LABELS[family],
      name: d.info.deviceName ?? sn,
      family,
      supported: isSupportedFamily(family),
      online: d.online,
      state: d.kind,
      reason: d.refused ?? d.reason,
      lastDataTs: d.lastDataTs,
      latest: d.state.latest,
      rawKeyCount: d.state.rawKeyCount,
      pendingOutputs: this.#pending.list(sn),
    };
  }

  #emitStatus(): void {
    if (!this.#statusListeners.size) return;
    const s = this.status();
    for (const cb of this.#statusListeners) {
      try {
        cb(s);
      } catch (e) {
        this.#log.error('status listener failed', { error: appError(e).message });
      }
    }
  }
}
