import { describe, expect, it } from 'vitest';
import { countDrawn, decimate, expectedStep, shapeSeries, type SeriesPointLike } from '../../../../renderer/lib/series-shape';

const pt = (ts: number, v: number | null): SeriesPointLike => ({ ts, values: { socPercent: v === null ? null : [v - 1, v, v + 1] } });

describe('shapeSeries', () => {
  it('takes the bucket average of each field', () => {
    const rows = shapeSeries({ bucketMs: 60_000, points: [pt(0, 50), pt(60_000, 51)] }, { fields: ['socPercent'] });
    expect(rows).toEqual([
      { ts: 0, socPercent: 50 },
      { ts: 60_000, socPercent: 51 },
    ]);
  });

  it('inserts one null row where buckets are missing, so the line breaks', () => {
    const points = [pt(0, 50), pt(60_000, 51), pt(600_000, 52), pt(660_000, 53)];
    const rows = shapeSeries({ bucketMs: 60_000, points }, { fields: ['socPercent'] });
    expect(rows.map((r) => r.socPercent)).toEqual([50, 51, null, 52, 53]);
    expect(rows[2]!.ts).toBe(120_000);
  });

  it('does not treat small jitter as a gap', () => {
    const points = [pt(0, 1), pt(60_000, 2), pt(170_000, 3)];
    expect(shapeSeries({ bucketMs: 60_000, points }, { fields: ['socPercent'] }).map((r) => r.socPercent)).toEqual([1, 2, 3]);
  });

  it('finds gaps in raw readings from the median sample step', () => {
    const points = [pt(0, 1), pt(1000, 2), pt(2000, 3), pt(3000, 4), pt(60_000, 5)];
    expect(expectedStep({ bucketMs: 0, points })).toBe(1000);
    expect(shapeSeries({ bucketMs: 0, points }, { fields: ['socPercent'] }).map((r) => r.socPercent)).toEqual([1, 2, 3, 4, null, 5]);
  });

  it('keeps a field that is null in a bucket as null and sorts by time', () => {
    const rows = shapeSeries({ bucketMs: 1000, points: [pt(1000, null), pt(0, 3)] }, { fields: ['socPercent', 'wattsIn'] });
    expect(rows).toEqual([
      { ts: 0, socPercent: 3, wattsIn: null },
      { ts: 1000, socPercent: null, wattsIn: null },
    ]);
  });

  it('never returns more than the point budget', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => pt(i * 1000, i % 100));
    const rows = shapeSeries({ bucketMs: 1000, points }, { fields: ['socPercent'], maxPoints: 2000 });
    expect(rows.length).toBeLessThanOrEqual(2000);
    expect(countDrawn(rows, 'socPercent')).toBe(rows.length);
  });

  it('handles an empty answer', () => {
    expect(shapeSeries({ bucketMs: 0, points: [] }, { fields: ['socPercent'] })).toEqual([]);
  });
});

describe('decimate', () => {
  it('averages chunks and keeps all-null chunks as gaps', () => {
    const rows = [
      { ts: 0, a: 1 },
      { ts: 1, a: 3 },
      { ts: 2, a: null },
      { ts: 3, a: null },
    ];
    expect(decimate(rows, ['a'], 2)).toEqual([
      { ts: 0, a: 2 },
      { ts: 2, a: null },
    ]);
  });
});
