// What `paku-ecoflow status` shows about a running collector it cannot ask:
// the runtime keeps a small summary (device states, last sync error) in the
// store's key-value table; status reads it back as untrusted input.
import { z } from 'zod';
import type { CollectorStatus, SyncStatus } from '../../../common/schemas';
import type { KeyValueStore } from '../store/types';

export const STATUS_SNAPSHOT_KEY = 'runtime.status';

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
