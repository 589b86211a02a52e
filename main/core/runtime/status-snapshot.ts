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
 * when the collector or the sync worker reports a change. stop() writes a last one.
 */
export function keepStatusSnapshot(o: { kv: KeyValueStore; collector: CollectorLike; sync: SyncLike | null; clock: Clock; logger: Logger }): { stop(): void } {
  let last = 0;
  let timer: TimerHandle | null = null;
  const save = () => {
    timer = null;
    last = o.clock.now();
    try {
      writeStatusSnapshot(o.kv, statusSnapshot(last, o.collector.status(), o.sync?.status() ?? null));
    } catch (e) {
      o.logger.warn('could not save the status summary', { error: e instanceof Error ? e.message : String(e) });
    }
  };
  const schedule = () => {
    timer ??= o.clock.setTimeout(save, Math.max(0, last + SNAPSHOT_EVERY_MS - o.clock.now()));
  };
  const unsubscribe = [o.collector.onStatus(schedule), ...(o.sync ? [o.sync.onStatus(schedule)] : [])];
  schedule();
  return {
    stop() {
      for (const u of unsubscribe) u();
      timer?.cancel();
      save();
    },
  };
}
