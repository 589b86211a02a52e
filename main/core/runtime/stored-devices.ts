// Devices the local store holds, as the window sees devices: offline, with
// their latest stored reading. The charts and ledger of a device stay
// reachable while the cloud is not (no keys yet, wrong keys, no network).
import type { DeviceStatus } from '../../../common/schemas';
import type { Clock } from '../clock';
import { isSupportedFamily } from '../ecoflow/decoders';
import type { ReadingStore } from '../store/store';
import { STORED_ONLY_REASON } from './collector-host';

/** Status events come often; the store is asked at most this often. */
const CACHE_MS = 10_000;

export function storedDevices(store: ReadingStore, clock: Clock, wanted: () => readonly string[]): () => readonly DeviceStatus[] {
  let cached: { at: number; list: DeviceStatus[] } | null = null;
  return () => {
    const now = clock.now();
    if (!cached || now - cached.at > CACHE_MS) {
      cached = {
        at: now,
        list: store.devices().map((d) => {
          const stored = store.latest(d.sn);
          const latest = stored ? (({ id: _id, ...reading }) => reading)(stored) : null;
          return {
            sn: d.sn,
            model: d.model,
            name: d.name,
            family: d.family,
            supported: isSupportedFamily(d.family),
            online: null,
            state: 'offline' as const,
            reason: STORED_ONLY_REASON,
            lastDataTs: latest?.ts ?? d.lastSeenTs,
            latest,
            rawKeyCount: 0,
            pendingOutputs: [],
          };
        }),
      };
    }
    const only = wanted();
    return only.length ? cached.list.filter((d) => only.includes(d.sn)) : cached.list;
  };
}
