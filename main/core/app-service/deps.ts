// The narrow surfaces AppService needs from the rest of the core. The runtime
// (main/core/runtime.ts) adapts the collector, store, sync worker and the
// connection tests to these; tests pass fakes.
import type { Diagnostics } from '../../../common/contract';
import type { CollectorStatus, ConnectionTestResult, EnergyRequest, OutputKind, SyncStatus } from '../../../common/schemas';
import type { Result } from '../../../common/result';
import type { Reading } from '../../../common/reading';
import type { Settings } from '../../../common/settings';
import type { Clock } from '../clock';
import type { Unsubscribe } from '../events';
import type { Logger, Redactor } from '../logger';
import type { SecretBox, SecretValues } from '../settings/secret-box';
import type { SettingsStore } from '../settings/settings-store';
import type { DeviceRecord, EnergyBucket, SeriesQuery, SeriesResult } from '../store/types';

type MaybePromise<T> = T | Promise<T>;

export interface CollectorLike {
  status(): CollectorStatus;
  onStatus(listener: (status: CollectorStatus) => void): Unsubscribe;
  /** Resolves when the command was accepted (or a failed Result); rejects with a CodedError. */
  setOutput(sn: string, output: OutputKind, on: boolean): Promise<void | Result<unknown>>;
}

export interface StoreLike {
  series(q: SeriesQuery): MaybePromise<SeriesResult>;
  energy(q: EnergyRequest): MaybePromise<EnergyBucket[]>;
  /** Readings of one device with from <= ts < to, in time order, at most `limit`. */
  range(q: { sn: string; from: number; to: number; limit: number }): MaybePromise<Iterable<Reading>>;
  devices(): MaybePromise<DeviceRecord[]>;
}

export interface SyncLike {
  status(): SyncStatus;
  setPaused(paused: boolean): MaybePromise<void>;
  onStatus(listener: (status: SyncStatus) => void): Unsubscribe;
}

/** The parts the demo switch replaces. */
export interface AppSources {
  collector: CollectorLike;
  store: StoreLike;
  sync: SyncLike | null;
  /** Demo only: the simulator's true energy per device (checks the ledger against it). */
  trueEnergy?: () => NonNullable<Diagnostics['demo']>['trueEnergy'];
}

/**
 * The checks behind the "Test" buttons (the same as `doctor`). They get the
 * settings to test (saved, or with an unsaved patch applied) and the secrets;
 * a failed check is a result with ok: false, not a thrown error.
 */
export interface ConnectionTesters {
  testEcoflow(settings: Settings, secrets: SecretValues): Promise<ConnectionTestResult>;
  testPostgres(settings: Settings, secrets: SecretValues): Promise<ConnectionTestResult>;
}

export interface AppServiceDeps extends AppSources {
  settings: SettingsStore;
  secrets: SecretBox;
  testers: ConnectionTesters;
  clock: Clock;
  logger: Logger;
  /** Secrets typed into a window are registered here before anything else sees them. */
  redactor?: Redactor;
  app: { name: string; version: string; face: 'electron' | 'http'; demo: boolean };
  /** Extra lines for diagnostics (e.g. electron/chrome versions, data folder). */
  diagnostics?: { versions?: Record<string, string>; paths?: Record<string, string> };
  /** Builds the simulator's sources; null where the demo cannot start. */
  startDemo?: (() => Promise<AppSources>) | null;
}
