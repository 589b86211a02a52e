import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../../../main/core/store/columns';
import { chooseStep, resolutionFor } from '../../../../../main/core/store/series';
import type { ReadingStore } from '../../../../../main/core/store/store';
import type { SeriesPoint } from '../../../../../main/core/store/types';
import { SN, T0, memoryStore, reading, steady } from './fixtures';

let store: ReadingStore;
afterEach(() => store?.close());

const DAY = 24 * HOUR_MS;
const isGap = (p: SeriesPoint): boolean => Object.values(p.values).every((v) => v === null);

describe('bucket math', () => {
  it('shows the REAL-vs-INTEGER trap that CAST avoids', () => {
    // better-sqlite3 binds JS numbers as REAL: ts / ? is then a fraction, one group per row.
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (ts INTEGER)');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 120; i++) ins.run(T0 + i * 1000);
    const groups = (expr: string): number => (db.prepare(`SELECT count(*) FROM (SELECT ${expr} AS k FROM t GROUP BY k)`).pluck().get(60_000) as number);
    expect(groups('ts / ?')).toBe(120);
    expect(groups('CAST(ts / ? AS INTEGER)')).toBe(2);
  });

  it('picks the narrowest nice step within maxPoints', () => {
    expect(chooseStep(T0, T0 + HOUR_MS, 2000)).toBe(2000);
    expect(chooseStep(T0, T0 + DAY, 2000)).toBe(MINUTE_MS);
    expect(chooseStep(T0, T0 + 7 * DAY, 2000)).toBe(10 * MINUTE_MS);
    expect(chooseStep(T0, T0 + 30 * DAY, 2000)).toBe(30 * MINUTE_MS);
    expect(chooseStep(T0, T0 + 365 * DAY, 2000)).toBe(6 * HOUR_MS);
    expect(chooseStep(T0, T0 + 3650 * DAY, 200) % (7 * DAY)).toBe(0);
    for (const [span, max] of [[HOUR_MS, 100], [13 * DAY, 2000], [400 * DAY, 500], [20_000 * DAY, 50]] as const) {
      const s = chooseStep(T0 + 12_345, T0 + 12_345 + span, max);
      expect(Math.floor((T0 + 12_345 + span) / s) - Math.floor((T0 + 12_345) / s) + 1).toBeLessThanOrEqual(max);
    }
  });

  it('serves steps from raw rows, minute or hour rollups', () => {
    expect(resolutionFor(30_000, ['socPercent'])).toBe('raw');
    expect(resolutionFor(MINUTE_MS, ['socPercent'])).toBe('minute');
    expect(resolutionFor(30 * MINUTE_MS, ['socPercent'])).toBe('minute');
    expect(resolutionFor(6 * HOUR_MS, ['socPercent'])).toBe('hour');
    expect(resolutionFor(6 * HOUR_MS, ['cellMinVolts'])).toBe('raw'); // not rolled up
  });
});

describe('series()', () => {
  it('returns raw readings for a short range, with a gap point where data stops', () => {
    ({ store } = memoryStore());
    store.insert([...steady(T0, 30, 10_000, { socPercent: 50 }), ...steady(T0 + 30 * 60_000, 30, 10_000, { socPercent: 60 })]);
    const r = store.series({ sn: SN, from: T0, to: T0 + HOUR_MS, fields: ['socPercent', 'wattsIn'], maxPoints: 2000 });
    expect(r.resolution).toBe('raw');
    expect(r.bucketMs).toBe(0);
    expect(r.points).toHaveLength(61);
    expect(r.points[0]).toEqual({ ts: T0, values: { socPercent: [50, 50, 50], wattsIn: null } });
    const gaps = r.points.filter(isGap);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.ts).toBeGreaterThan(T0 + 290_000);
    expect(gaps[0]!.ts).toBeLessThan(T0 + 30 * 60_000);
  });

  it('merges minute rollups into wider buckets with min / sum-weighted avg / max', () => {
    ({ store } = memoryStore());
    // 10-s readings over a day, SoC a sawtooth 0..59 each minute-of-hour.
    const rs = steady(T0, 8640, 10_000, {}).map((r) => ({ ...r, socPercent: Math.floor((r.ts - T0) / 60_000) % 60 }));
    store.insert(rs);
    const r = store.series({ sn: SN, from: T0, to: T0 + 7 * DAY, fields: ['socPercent'], maxPoints: 2000 });
    expect(r.resolution).toBe('minute');
    expect(r.bucketMs).toBe(10 * MINUTE_MS);
    const data = r.points.filter((p) => !isGap(p));
    expect(data).toHaveLength(144);
    expect(data[1]!.values.socPercent).toEqual([10, 14.5, 19]);
    expect(r.points.length).toBeLessThanOrEqual(2000);
    expect(r.points.filter(isGap)).toHaveLength(0); // no data after the day: nothing to separate
  });

  it('uses hour rollups for a year and marks missing buckets as gaps', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 200, 60_000, { wattsIn: 100 }));
    store.insert(steady(T0 + 30 * DAY, 200, 60_000, { wattsIn: 300 }));
    const r = store.series({ sn: SN, from: T0, to: T0 + 365 * DAY, fields: ['wattsIn'], maxPoints: 300 });
    expect(r.resolution).toBe('hour');
    expect(r.bucketMs).toBe(2 * DAY);
    expect(r.points.map((p) => (isGap(p) ? 'gap' : p.values.wattsIn![1]))).toEqual([100, 'gap', 300]);
    expect(r.points[1]!.ts).toBe(r.points[0]!.ts + 2 * DAY);
  });

  it('aggregates raw rows for sub-minute buckets and for fields without rollups', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 3600, 1000, { cellMinVolts: 3.3, socPercent: 80 }));
    const r = store.series({ sn: SN, from: T0, to: T0 + HOUR_MS, fields: ['socPercent'], maxPoints: 2000 });
    expect(r).toMatchObject({ resolution: 'raw', bucketMs: 2000 });
    expect(r.points).toHaveLength(1800);
    const c = store.series({ sn: SN, from: T0, to: T0 + 30 * DAY, fields: ['cellMinVolts'], maxPoints: 2000 });
    expect(c.resolution).toBe('raw');
    expect(c.points[0]!.values.cellMinVolts).toEqual([3.3, 3.3, 3.3]);
  });

  it('rejects unknown fields and reversed ranges with a clear error', () => {
    ({ store } = memoryStore());
    expect(() => store.series({ sn: SN, from: T0, to: T0 + 1, fields: ['nope' as 'socPercent'], maxPoints: 10 })).toThrow(/Unknown reading field/);
    expect(() => store.series({ sn: SN, from: T0 + 1, to: T0, fields: [], maxPoints: 10 })).toThrow(/from <= to/);
  });

  it('returns nothing for a device without data', () => {
    ({ store } = memoryStore());
    store.insert([reading(T0, { socPercent: 1 })]);
    expect(store.series({ sn: 'NONE', from: T0, to: T0 + DAY, fields: ['socPercent'], maxPoints: 100 }).points).toEqual([]);
  });
});
