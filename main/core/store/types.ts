// The local store's public surface, shared by the collector (writes), the sync
// worker (outbox), AppService (queries) and the CLI. Implemented by
// ReadingStore in store.ts over better-sqlite3.
import type { Reading, ReadingField } from '../../../common/reading';
import type { DeviceFamily } from '../../../common/schemas';

/** A reading as stored: the local id is the outbox order the Postgres sync uses. */
export interface StoredReading extends Reading {
  id: number;
}

export interface DeviceRecord {
  sn: string;
  model: string;
  name: string;
  /** Last time anything was heard from/about the device, epoch ms. */
  lastSeenTs: number | null;
}

/** A device as the store keeps it. */
export interface StoredDevice extends DeviceRecord {
  family: DeviceFamily;
}

/** Small persistent strings of the installation (MQTT client id, installation id). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface OutboxBatch {
  readings: StoredReading[];
  /** Highest id in the batch (0 when empty). */
  lastId: number;
}

/** Readings not yet acknowledged by the sync target, in id order. */
export interface Outbox {
  /** Up to `limit` readings with id > afterId, in id order. */
  take(afterId: number, limit: number): OutboxBatch;
  /** Records that every reading with id <= lastId is durable in the target. Monotonic. */
  markSynced(lastId: number): void;
  /** Highest id known synced (0 when nothing was). */
  syncedUpTo(): number;
  unsyncedCount(): number;
  /** ts of the oldest unsynced reading, or null. */
  oldestUnsyncedTs(): number | null;
}

export type RollupResolution = 'raw' | 'minute' | 'hour';

export interface SeriesQuery {
  sn: string;
  from: number;
  to: number;
  fields: ReadingField[];
  /** Upper bound on points returned per series (~2000). */
  maxPoints: number;
}

export interface SeriesPoint {
  /** Bucket start, epoch ms. */
  ts: number;
  /**
   * Per field: [min, avg, max] over the bucket, or null when no data. A point whose
   * every value is null marks a gap (no data from here until the next point), so a
   * chart that does not connect nulls draws the gap.
   */
  values: Partial<Record<ReadingField, [number, number, number] | null>>;
}

export interface SeriesResult {
  resolution: RollupResolution;
  /** Width of each point's bucket; 0 when the points are individual raw readings. */
  bucketMs: number;
  points: SeriesPoint[];
}

export interface EnergyBucket {
  /** Bucket start (local day/week/month start for the ledger), epoch ms. */
  ts: number;
  whIn: number;
  whOut: number;
  whSolar: number;
  whAcIn: number;
  whCarIn: number;
  whAcOut: number;
  whDcOut: number;
  /** How much of the bucket had readings close enough to integrate power, ms (coverage; counters may fill gaps). */
  coveredMs: number;
}

/** Day/week/month ledger buckets in local time: a fixed UTC offset in minutes (east positive) or an IANA zone. */
export type LedgerTimeZone = number | string;
export type LedgerBucket = 'day' | 'week' | 'month';
