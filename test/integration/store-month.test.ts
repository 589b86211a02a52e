// A filled store: a month of 10-s readings (the rollup tables then hold as many
// minute rows as 1 Hz data would) and a year of 5-min readings on a second
// device (as many hour rows as a 1 Hz year). Charts of every range stay within
// 2000 points at the right resolution, and the measured times are printed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { insertAll } from '../../main/core/store/insert-all';
import { ReadingStore } from '../../main/core/store/store';
import type { RollupResolution } from '../../main/core/store/types';
import { SN, T0, capturingLogger, reading, tempDir } from '../unit/main/core/store/fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_SN = 'DCABZ5ZE4100002';
const tmp = tempDir();
let store: ReadingStore;
const END = T0 + 30 * DAY;

function solar(ts: number): number {
  const h = ((ts % DAY) / HOUR + 24) % 24;
  return h > 6 && h < 18 ? Math.round(800 * Math.sin(((h - 6) / 12) * Math.PI)) : 0;
}

function fill(sn: string, from: number, to: number, stepMs: number): { rows: number; ms: number } {
  const t = performance.now();
  const readings = function* () {
    for (let ts = from; ts < to; ts += stepMs) {
      const s = solar(ts);
      yield reading(ts, { socPercent: 40 + Math.round(s / 40), wattsIn: s + 20, wattsOut: 150, solarWatts: s, acOutWatts: 120, batteryVolts: 50.1, batteryTempC: 24 }, sn);
    }
  };
  const rows = insertAll(store, readings(), 1000);
  return { rows, ms: performance.now() - t };
}

beforeAll(() => {
  store = ReadingStore.open({ path: join(tmp.dir, 'month.sqlite'), clock: new ManualClock(END), logger: capturingLogger().logger });
  const month = fill(SN, T0, END, 10_000);
  const year = fill(YEAR_SN, END - 365 * DAY, END, 5 * 60_000);
  console.log(`insert, batches of 1000: 10-s readings ${Math.round(month.rows / (month.ms / 1000))} rows/s; 5-min readings ${Math.round(year.rows / (year.ms / 1000))} rows/s (each spreads energy over 5 minute rows)`);
}, 120_000);

afterAll(() => {
  store?.close();
  tmp.cleanup();
});

function timed<T>(fn: () => T, runs = 5): { value: T; ms: number } {
  fn(); // warm the statement cache and page cache
  const t = performance.now();
  let value = fn();
  for (let i = 1; i < runs; i++) value = fn();
  return { value, ms: (performance.now() - t) / runs };
}

describe('a filled store', () => {
  const fields = ['socPercent', 'wattsIn', 'wattsOut', 'solarWatts'] as const;
  it.each([
    ['1 h', SN, HOUR, 'raw', 0],
    ['24 h', SN, DAY, 'minute', 60_000],
    ['7 d', SN, 7 * DAY, 'minute', 10 * 60_000],
    ['30 d', SN, 30 * DAY, 'minute', 30 * 60_000],
    ['1 y', YEAR_SN, 365 * DAY, 'hour', 6 * HOUR],
  ] as [string, string, number, RollupResolution, number][])('%s chart: at most 2000 points at the right resolution', (label, sn, span, resolution, bucketMs) => {
    const { value, ms } = timed(() => store.series({ sn, from: END - span, to: END, fields: [...fields], maxPoints: 2000 }));
    console.log(`series ${label}: ${value.points.length} points, ${value.resolution}/${value.bucketMs} ms buckets, ${ms.toFixed(1)} ms`);
    expect(value.resolution).toBe(resolution);
    expect(value.bucketMs).toBe(bucketMs);
    expect(value.points.length).toBeLessThanOrEqual(2000);
    expect(value.points.length).toBeGreaterThan(resolution === 'raw' ? 300 : 1000);
    expect(value.points.every((p) => p.values.socPercent !== null)).toBe(true); // no gaps in continuous data
    if (label === '1 y') expect(ms).toBeLessThan(50);
  });

  it('answers the 30-day chart from minute rollups much faster than from raw rows', () => {
    const rollup = timed(() => store.series({ sn: SN, from: END - 30 * DAY, to: END, fields: ['solarWatts'], maxPoints: 2000 }));
    // cellMinVolts has no rollup, so the same range is bucketed from the raw rows.
    const raw = timed(() => store.series({ sn: SN, from: END - 30 * DAY, to: END, fields: ['cellMinVolts'], maxPoints: 2000 }), 2);
    console.log(`30 d: minute rollups ${rollup.ms.toFixed(1)} ms, raw rows (10-s data) ${raw.ms.toFixed(1)} ms`);
    expect(raw.value.resolution).toBe('raw');
    expect(rollup.ms).toBeLessThan(raw.ms);
  });

  it('keeps a daily energy ledger that matches the solar curve', () => {
    const { value: days, ms } = timed(() => store.energy(YEAR_SN, END - 365 * DAY, END, 'day', 'Europe/Helsinki'));
    console.log(`energy ledger, a year by day: ${ms.toFixed(1)} ms`);
    expect(days.length).toBeGreaterThanOrEqual(365);
    const full = days.filter((d) => d.coveredMs === DAY);
    expect(full.length).toBeGreaterThan(300);
    // ∫ 800 sin over 12 h = 800 × 12 × 2/π ≈ 6112 Wh, minus the 5-min trapezoid error.
    for (const d of full) expect(d.whSolar).toBeCloseTo(6112, -2);
    for (const d of full) expect(d.whOut).toBeCloseTo(3600, 6);
  });
});
