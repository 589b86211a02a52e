// Raw-reading retention. Rollups are kept forever (a year of hours per device is
// small). With a sync target configured, a reading the target has not
// acknowledged is never deleted, however old: the backlog grows instead, and
// storeSizeBytes() lets the sync warn about it.
import type BetterSqlite3 from 'better-sqlite3';

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
/** Rows deleted per transaction, so the collector's writes are never held up for long. */
const CHUNK = 20_000;

export interface PruneOptions {
  /** True when a Postgres target is configured: unsynced readings must survive. */
  syncTargetConfigured: boolean;
}

export interface PruneResult {
  deleted: number;
  /** Readings past retention kept because they are not synced yet. */
  keptUnsynced: number;
  cutoffTs: number;
}

export function pruneReadings(
  db: BetterSqlite3.Database,
  now: number,
  retentionDays: number,
  opts: PruneOptions,
  syncedUpTo: () => number,
): PruneResult {
  const cutoffTs = now - retentionDays * DAY_MS;
  // Visit devices through the (sn, ts) index: each step is one index seek.
  const nextSn = db.prepare('SELECT min(sn) FROM readings WHERE sn > ?').pluck();
  const del = db.prepare(
    'DELETE FROM readings WHERE id IN (SELECT id FROM readings WHERE sn = ? AND ts < ? AND id <= CAST(? AS INTEGER) LIMIT ?)',
  );
  const countOld = db.prepare('SELECT count(*) FROM readings WHERE sn = ? AND ts < ?').pluck();
  let deleted = 0;
  let keptUnsynced = 0;
  for (let sn = nextSn.get('') as string | null; sn !== null; sn = nextSn.get(sn) as string | null) {
    const maxId = opts.syncTargetConfigured ? syncedUpTo() : Number.MAX_SAFE_INTEGER;
    for (;;) {
      const n = db.transaction(() => del.run(sn, cutoffTs, maxId, CHUNK).changes).immediate();
      deleted += n;
      if (n < CHUNK) break;
    }
    if (opts.syncTargetConfigured) keptUnsynced += countOld.get(sn, cutoffTs) as number;
  }
  return { deleted, keptUnsynced, cutoffTs };
}
