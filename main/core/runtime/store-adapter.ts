// The window's questions to the local store, in the contract's shapes.
import type { Reading } from '../../../common/reading';
import type { StoreLike } from '../app-service/deps';
import type { ReadingStore } from '../store/store';

export function storeFace(store: ReadingStore): StoreLike {
  return {
    series: (q) => store.series(q),
    energy: (q) => store.energy(q.sn, q.from, q.to, q.bucket, q.tz),
    range: ({ sn, from, to, limit }) => {
      const out: Reading[] = [];
      for (const r of store.range(sn, from, to)) {
        if (r.ts >= to || out.length >= limit) break;
        out.push(r);
      }
      return out;
    },
    devices: () => store.devices().map(({ sn, model, name, lastSeenTs }) => ({ sn, model, name, lastSeenTs })),
  };
}
