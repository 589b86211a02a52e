// Recent net battery power for the time-left estimate: seeded once from the
// last 15 minutes of stored readings, then extended by each live reading.
import { useEffect, useRef, useState } from 'react';
import type { Reading } from '../../common/reading';
import { useClient } from '../api/client-context';
import type { PowerSample } from '../lib/time-estimate';

const WINDOW_MS = 15 * 60_000;

const netOf = (wattsIn: number | null, wattsOut: number | null): number | null =>
  wattsIn === null || wattsOut === null ? null : wattsIn - wattsOut;

export function useNetPower(sn: string, latest: Reading | null): PowerSample[] {
  const client = useClient();
  const [samples, setSamples] = useState<PowerSample[]>([]);
  const lastTs = useRef(0);

  useEffect(() => {
    let alive = true;
    setSamples([]);
    lastTs.current = 0;
    const to = Date.now();
    void client['series:query']({ sn, from: to - WINDOW_MS, to, fields: ['wattsIn', 'wattsOut'], maxPoints: 300 }).then((r) => {
      if (!alive || !r.ok) return;
      const seeded: PowerSample[] = [];
      for (const p of r.value.points) {
        const net = netOf(p.values.wattsIn?.[1] ?? null, p.values.wattsOut?.[1] ?? null);
        if (net !== null) seeded.push({ ts: p.ts, netWatts: net });
      }
      setSamples((live) => [...seeded.filter((s) => s.ts < (live[0]?.ts ?? Infinity)), ...live]);
    });
    return () => {
      alive = false;
    };
  }, [client, sn]);

  useEffect(() => {
    if (!latest || latest.ts <= lastTs.current) return;
    const net = netOf(latest.wattsIn, latest.wattsOut);
    if (net === null) return;
    lastTs.current = latest.ts;
    setSamples((s) => [...s.filter((x) => x.ts > latest.ts - WINDOW_MS), { ts: latest.ts, netWatts: net }]);
  }, [latest]);

  return samples;
}
