// The local store's public surface, shared by the collector (writes), the sync
// worker (outbox), AppService (queries) and the CLI. Implemented by
// ReadingStore in store.ts over better-sqlite3.
import type { Reading, ReadingField } from '../../../common/reading';

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
  /** Per field: [min, avg, max] over the bucket, or null when no data. */
  values: Partial<Record<ReadingField, [number, number, number] | null>>;
}

export interface SeriesResult {
  resolution: RollupResolution;
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
}
