import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../../main/core/store/columns';
import { localBoundaries } from '../../../../../main/core/store/local-time';
import type { ReadingStore } from '../../../../../main/core/store/store';
import { SN, T0, memoryStore, steady } from './fixtures';

let store: ReadingStore;
afterEach(() => store?.close());

const DAY = 24 * HOUR_MS;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('local calendar boundaries', () => {
  it('uses a fixed offset (minutes east of UTC)', () => {
    expect(localBoundaries(T0, T0 + DAY, 'day', 120).map(iso)).toEqual([
      '2026-01-04T22:00:00.000Z',
      '2026-01-05T22:00:00.000Z',
      '2026-01-06T22:00:00.000Z',
    ]);
  });

  it('follows daylight saving time in an IANA zone (a 23-hour day)', () => {
    const b = localBoundaries(Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 30, 12), 'day', 'Europe/Helsinki');
    expect(b.map(iso)).toEqual([
      '2026-03-27T22:00:00.000Z',
      '2026-03-28T22:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
      '2026-03-30T21:00:00.000Z',
    ]);
  });

  it('starts weeks on Monday and months on the 1st', () => {
    expect(localBoundaries(Date.UTC(2026, 0, 8), Date.UTC(2026, 0, 9), 'week', 0).map(iso)).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z']);
    expect(localBoundaries(Date.UTC(2026, 0, 31), Date.UTC(2026, 2, 1), 'month', 'UTC').map(iso)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
  });

  it('rejects an unknown zone or an absurd offset with a clear message', () => {
    expect(() => localBoundaries(T0, T0 + DAY, 'day', 'Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
    expect(() => localBoundaries(T0, T0 + DAY, 'day', 5000)).toThrow(/out of range/);
  });
});

describe('energy()', () => {
  it('sums integrated power per local day, leaving gaps out', () => {
    ({ store } = memoryStore());
    // 1000 W in for two full UTC days at one reading a minute, with a 2-hour hole on day 2.
    const rs = steady(T0, 2 * 1440 + 1, 60_000, { wattsIn: 1000, acOutWatts: 200 }).filter(
      (r) => r.ts <= T0 + DAY + 10 * HOUR_MS || r.ts >= T0 + DAY + 12 * HOUR_MS,
    );
    store.insert(rs);
    const days = store.energy(SN, T0, T0 + 2 * DAY, 'day', 0);
    expect(days.map((d) => d.ts)).toEqual([T0, T0 + DAY]);
    expect(days[0]!.whIn).toBeCloseTo(24_000, 6);
    expect(days[0]!.whAcOut).toBeCloseTo(4800, 6);
    expect(days[0]!.coveredMs).toBe(DAY);
    expect(days[1]!.whIn).toBeCloseTo(22_000, 6);
    expect(days[1]!.coveredMs).toBe(22 * HOUR_MS);
  });

  it('prefers the device counters where present', () => {
    ({ store } = memoryStore());
    // Counter says 500 Wh/h of solar while the power reading says 100 W.
    const rs = steady(T0, 61, 60_000, { solarWatts: 100 }).map((r, i) => ({ ...r, energySolarInWh: 1000 + (500 * i) / 60 }));
    store.insert(rs);
    const [d] = store.energy(SN, T0, T0 + HOUR_MS, 'day', 0);
    expect(d!.whSolar).toBeCloseTo(500, 6);
  });

  it('bins by minute rollups when the zone is not on whole hours', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 24 * 60 + 1, 60_000, { wattsOut: 60 }));
    const days = store.energy(SN, T0, T0 + DAY, 'day', 'Asia/Kolkata'); // +05:30
    expect(days.map((d) => iso(d.ts))).toEqual(['2026-01-04T18:30:00.000Z', '2026-01-05T18:30:00.000Z']);
    expect(days[0]!.whOut).toBeCloseTo(60 * 18.5, 6);
    expect(days[1]!.whOut).toBeCloseTo(60 * 5.5, 6);
  });

  it('gives zero buckets for a device without data', () => {
    ({ store } = memoryStore());
    expect(store.energy('NONE', T0, T0 + 3 * DAY, 'day', 0).map((d) => d.whIn)).toEqual([0, 0, 0]);
  });
});
