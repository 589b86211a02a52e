// What `paku-ecoflow status` shows about a running collector it cannot ask:
// the runtime keeps a small summary (device states, last sync error) in the
// store's key-value table; status reads it back as untrusted input.
import { z } from 'zod';
import type { CollectorStatus, SyncStatus } from '../../../common/schemas';
import type { CollectorLike, SyncLike } from '../app-service/deps';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import type { KeyValueStore } from '../store/types';

export const STATUS_SNAPSHOT_KEY = 'runtime.status';
/** The summary is rewritten at most this often. */
export const SNAPSHOT_EVERY_MS = 5_000;
/** ...and at least this often while the collector runs. */
export const SNAPSHOT_HEARTBEAT_MS = 60_000;

const SnapshotSchema = z.object({
  ts: z.number(),
  connection: z.string(),
  devices: z.array(z.object({ sn: z.string(), online: z.boolean().nullable(), state: z.string(), reason: z.string() })),
  lastSyncError: z.string().nullable(),
});
export type StatusSnapshot = z.infer<typeof SnapshotSchema>;

export function statusSnapshot(ts: number, collector: CollectorStatus, sync: SyncStatus | null): StatusSnapshot {
  return {
    ts,
    connection: collector.connection,
    devices: collector.devices.map(({ sn, online, state, reason }) => ({ sn, online, state, reason })),
    lastSyncError: sync?.lastError?.message ?? null,
  };
}

export function writeStatusSnapshot(kv: KeyValueStore, s: StatusSnapshot): void {
  kv.set(STATUS_SNAPSHOT_KEY, JSON.stringify(s));
}

/** The stored summary, or null when there is none or it does not parse. */
export function readStatusSnapshot(kv: KeyValueStore): StatusSnapshot | null {
  const text = kv.get(STATUS_SNAPSHOT_KEY);
  if (!text) return null;
  try {
    const parsed = SnapshotSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the summary in `kv` current: rewritten (at most every SNAPSHOT_EVERY_MS)
 * when the collector or the sync worker reports a change, and every
 * SNAPSHOT_HEARTBEAT_MS regardless, so a reader can tell a collector that died
 * from one that has nothing new. stop() writes a last one (connection "stopped").
 */
export function keepStatusSnapshot(o: { kv: KeyValueStore; collector: CollectorLike; sync: SyncLike | null; clock: Clock; logger: Logger }): { stop(): void } {
  let last = 0;
  let timer: TimerHandle | null = null;
  let due = Infinity;
  let stopped = false;
  /** Saves at `when`, or earlier if a save is already due earlier. */
  const saveAt = (when: number) => {
    if (stopped || (timer && due <= when)) return;
    timer?.cancel();
    due = when;
    timer = o.clock.setTimeout(save, Math.max(0, when - o.clock.now()));
  };
  const save = () => {
    timer = null;
    due = Infinity;
    last = o.clock.now();
    try {
      const snap = statusSnapshot(last, o.collector.status(), o.sync?.status() ?? null);
      // The last one says this process no longer collects, whatever state the collector was left in.
      writeStatusSnapshot(o.kv, stopped ? { ...snap, connection: 'stopped' } : snap);
    } catch (e) {
      o.logger.warn('could not save the status summary', { error: e instanceof Error ? e.message : String(e) });
    }
    saveAt(last + SNAPSHOT_HEARTBEAT_MS);
  };
  const schedule = () => saveAt(last + SNAPSHOT_EVERY_MS);
  const unsubscribe = [o.collector.onStatus(schedule), ...(o.sync ? [o.sync.onStatus(schedule)] : [])];
  schedule();
  return {
    stop() {
      stopped = true;
      for (const u of unsubscribe) u();
      timer?.cancel();
      save();
    },
  };
}
