// The core as one running thing, for every face (Electron, `serve`, `collect`):
// the local store, the collector on the EcoFlow cloud (or the demo simulator),
// the sampler, the Postgres sync worker and the optional republish sink, all
// built from the settings and rebuilt when a window changes them; and the
// AppService the faces talk to. Nothing here imports electron.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../common/errors';
import { ecoflowApiUrl, type Settings } from '../../common/settings';
import type { Result } from '../../common/result';
import type { AppInfo } from '../../common/schemas';
import { AppService } from './app-service';
import type { AppServiceDeps, AppSources, ConnectionTesters } from './app-service/deps';
import { createTesters } from './checks/testers';
import type { Clock, TimerHandle } from './clock';
import { STORE_FILE_NAME } from './data-dir';
import { Collector } from './ecoflow/collector';
import type { Logger, Redactor } from './logger';
import { RepublishSink } from './republish/republish-sink';
import { acquireCollectorLock } from './runtime/collector-lock';
import { CollectorHost } from './runtime/collector-host';
import { startDemo, type Demo } from './runtime/demo';
import { Pipeline } from './runtime/pipeline';
import { keepStatusSnapshot } from './runtime/status-snapshot';
import { storeFace } from './runtime/store-adapter';
import { storedDevices } from './runtime/stored-devices';
import { SyncHost } from './runtime/sync-host';
import { readSecrets, secretsWithDefaults, type SecretBox, type SecretValues } from './settings/secret-box';
import type { SettingsStore } from './settings/settings-store';
import { ReadingStore } from './store/store';
import { syncInstallationId } from './sync/installation-id';
import { storeChunkReader } from './sync/store-reader';
import { SyncWorker } from './sync/sync-worker';

const RETENTION_EVERY_MS = 3600_000;

export interface RuntimeOptions {
  face: AppInfo['face'];
  app: { name: string; version: string };
  /** Where the SQLite store lives (created when missing). */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretBox;
  redactor: Redactor;
  logger: Logger;
  clock: Clock;
  /** Run on the built-in simulator from the start. */
  demo: boolean;
  /** Days of simulated history the demo starts with (default 7; tests comparing with the simulator's own ledger use 0). */
  demoHistoryDays?: number;
  /** A private CA for the EcoFlow API and broker, besides Node's own store (NODE_EXTRA_CA_CERTS does this for a whole process). */
  ecoflowCa?: string;
  /** better-sqlite3 built for Electron's ABI. */
  nativeBinding?: string;
  diagnostics?: AppServiceDeps['diagnostics'];
}

export interface Runtime {
  service: AppService;
  /** The real collector (whichever one the settings built), for headless commands. */
  collector: CollectorHost;
  /** The local store of real readings (the demo keeps its own). */
  store: ReadingStore;
  /** The first connection attempt: err when the keys, region or clock are wrong; null when no keys are set or in the demo. */
  firstStart: Promise<Result<void> | null>;
  /** After sleep or a network change: reconnect and sync now instead of waiting for backoff. */
  reconnectNow(reason: string): void;
  /** Stops collection and sync, storing what is pending; closes the store. */
  close(): Promise<void>;
}

/** The parts of the settings (and secrets) each component is built from; a change to one rebuilds that component. */
function collectorKey(s: Settings, x: SecretValues): string {
  return JSON.stringify([ecoflowApiUrl(s), s.ecoflow.devices, s.sampleSeconds, x.ecoflowAccessKey, x.ecoflowSecretKey]);
}
function syncKey(s: Settings, x: SecretValues): string {
  return JSON.stringify([s.postgres, x.postgresPassword]);
}
function republishKey(s: Settings, x: SecretValues): string {
  return JSON.stringify([s.republish, x.republishPassword]);
}

export async function createRuntime(o: RuntimeOptions): Promise<Runtime> {
  const log = o.logger;
  try {
    mkdirSync(o.dataDir, { recursive: true });
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOTDIR' || (e as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file is in the way' : (e as Error).message;
    throw new CodedError('bad-request', `The data folder ${o.dataDir} cannot be created (${reason}): pick another one (PAKU_DATA_DIR or --data-dir for the command line) or fix its permissions.`);
  }
  // The demo from the start collects into its own store; everything else collects here, one process at a time.
  const lock = o.demo ? null : acquireCollectorLock(o.dataDir, o.face, o.clock.now());
  let store: ReadingStore;
  try {
    store = ReadingStore.open({
      path: join(o.dataDir, STORE_FILE_NAME),
      clock: o.clock,
      logger: log.child('store'),
      ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const installationId = syncInstallationId(store.kv);

  // The watched serials as last applied: status events come every second, and settings.get() reads the file.
  let watched = o.settings.get().ecoflow.devices;
  const collectorHost = new CollectorHost(storedDevices(store, o.clock, () => watched), o.clock);
  let pipeline: Pipeline | null = null;
  let republish: RepublishSink | null = null;
  const makeSync = (s: Settings, x: SecretValues) =>
    new SyncWorker({
      outbox: store.outbox,
      pg: s.postgres.url ? { url: s.postgres.url, password: x.postgresPassword, sslmode: s.postgres.sslmode, caFile: s.postgres.caFile } : null,
      installationId,
      clock: o.clock,
      logger: log.child('sync'),
      storeSizeBytes: () => store.storeSizeBytes(),
      chunkReader: storeChunkReader(store.database),
    });
  const sync = new SyncHost(makeSync(o.settings.get(), readSecrets(o.secrets)));

  let applied = { collector: '', sync: '', republish: '' };
  let firstStart: Promise<Result<void> | null> = Promise.resolve(null);
  let demo: Demo | null = null;

  const startCollector = async (s: Settings, x: SecretValues): Promise<Result<void> | null> => {
    const old = pipeline;
    pipeline = null;
    collectorHost.swap(null);
    await old?.stop();
    const baseUrl = ecoflowApiUrl(s);
    if (!x.ecoflowAccessKey || !x.ecoflowSecretKey || !baseUrl) return null;
    const collector = new Collector({
      keys: { accessKey: x.ecoflowAccessKey, secretKey: x.ecoflowSecretKey },
      baseUrl,
      ...(o.ecoflowCa ? { ca: o.ecoflowCa } : {}),
      ...(s.ecoflow.devices.length ? { devices: s.ecoflow.devices } : {}),
      clock: o.clock,
      logger: log.child('ecoflow'),
      kv: store.kv,
    });
    pipeline = new Pipeline({ collector, store, sampleSeconds: s.sampleSeconds, clock: o.clock, logger: log, onStored: () => sync.current.notify(), republish: () => republish });
    collectorHost.swap(collector);
    return collector.start();
  };

  const startRepublish = async (s: Settings, x: SecretValues): Promise<void> => {
    const old = republish;
    republish = null;
    await old?.stop();
    if (!s.republish.enabled || !s.republish.url) return;
    republish = new RepublishSink({ url: s.republish.url, username: s.republish.username, password: x.republishPassword, logger: log.child('republish') });
    republish.start();
  };

  // Settings changes arrive as events; each is applied after the previous one finished.
  let applying: Promise<void> = Promise.resolve();
  let closed: Promise<void> | null = null;
  const apply = (): Promise<void> => {
    applying = applying.then(async () => {
      // A change that lands while closing would start parts on a closed store.
      if (closed) return;
      const s = o.settings.get();
      const x = readSecrets(o.secrets);
      const next = { collector: collectorKey(s, x), sync: syncKey(s, x), republish: republishKey(s, x) };
      watched = s.ecoflow.devices;
      if (next.republish !== applied.republish) await startRepublish(s, x);
      if (next.sync !== applied.sync) {
        const old = sync.swap(makeSync(s, x));
        await old.stop();
        sync.current.start();
      }
      // While the demo shows, the real collector stays stopped; the new keys apply at the next start.
      if (next.collector !== applied.collector && !demo) await startCollector(s, x);
      applied = next;
    }).catch((e: unknown) => log.error('applying the settings failed', { error: e instanceof Error ? e.message : String(e) }));
    return applying;
  };

  const demoFor = async (): Promise<Demo> => (demo ??= await startDemo({
      dataDir: o.dataDir,
      clock: o.clock,
      logger: log,
      ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
      ...(o.demoHistoryDays !== undefined ? { historyDays: o.demoHistoryDays } : {}),
    }));

  let testers: ConnectionTesters;
  let sources: AppSources;
  let secrets = o.secrets;
  if (o.demo) {
    const d = await demoFor();
    // The demo's own keys stand in for unset ones, so the Test buttons have something to test;
    // they are never written to the secret store (it may refuse, and they are not the user's).
    secrets = secretsWithDefaults(o.secrets, { ecoflowAccessKey: d.keys.accessKey, ecoflowSecretKey: d.keys.secretKey });
    testers = createTesters({ clock: o.clock, logger: log.child('checks'), hosts: d.hosts });
    sources = d.sources;
  } else {
    testers = createTesters({ clock: o.clock, logger: log.child('checks') });
    sources = { collector: collectorHost, store: storeFace(store), sync };
    const s = o.settings.get();
    const x = readSecrets(o.secrets);
    applied = { collector: collectorKey(s, x), sync: syncKey(s, x), republish: republishKey(s, x) };
    sync.current.start();
    await startRepublish(s, x);
    firstStart = startCollector(s, x);
  }

  const service = new AppService({
    ...sources,
    settings: o.settings,
    secrets,
    testers,
    clock: o.clock,
    logger: log.child('service'),
    redactor: o.redactor,
    app: { ...o.app, face: o.face, demo: o.demo },
    ...(o.diagnostics ? { diagnostics: o.diagnostics } : {}),
    startDemo: async () => {
      // The real collector stops while the demo runs; its store and sync stay as they are.
      const old = pipeline;
      pipeline = null;
      await old?.stop();
      return (await demoFor()).sources;
    },
  });
  if (!o.demo) service.on('settings:changed', () => void apply());

  // A demo from the start leaves the real store alone (a `collect` may be writing it): no summary, no retention.
  // Otherwise `paku-ecoflow status` reads this summary from the store while this process runs.
  const snapshot = o.demo ? null : keepStatusSnapshot({ kv: store.kv, collector: collectorHost, sync, clock: o.clock, logger: log });

  // Retention: raw readings past their days go, except unsynced ones while a target is set.
  const prune = () => {
    try {
      const r = store.prune(o.clock.now(), { syncTargetConfigured: o.settings.get().postgres.url !== null });
      if (r.deleted || r.keptUnsynced) log.info('retention', { deleted: r.deleted, keptUnsynced: r.keptUnsynced });
    } catch (e) {
      log.warn('retention failed', { error: e instanceof Error ? e.message : String(e) });
    }
  };
  let retentionTimer: TimerHandle | null = o.demo
    ? null
    : o.clock.setTimeout(function tick() {
        prune();
        retentionTimer = o.clock.setTimeout(tick, RETENTION_EVERY_MS);
      }, 60_000);

  return {
    service,
    collector: collectorHost,
    store,
    get firstStart() {
      return firstStart;
    },
    reconnectNow(reason) {
      log.info('reconnecting now', { reason });
      collectorHost.current?.reconnectNow();
      sync.current.notify();
    },
    close() {
      closed ??= (async () => {
        service.dispose();
        retentionTimer?.cancel();
        await applying;
        await Promise.all([pipeline?.stop(), demo?.stop(), republish?.stop()]);
        await sync.current.stop();
        snapshot?.stop();
        store.close();
        lock?.release();
        log.info('stopped');
      })();
      return closed;
    },
  };
}
