// Turns a series answer from the core into rows recharts can draw:
// one row per bucket, the bucket's average per field, and a null row wherever
// the data has a hole, so lines break at gaps instead of bridging them
// (charts use connectNulls={false}). Also enforces the point budget.

export interface SeriesPointLike {
  ts: number;
  /** Per field: [min, avg, max] over the bucket, or null when no data. */
  values: Partial<Record<string, readonly [number, number, number] | null>>;
}

export interface SeriesLike {
  bucketMs: number;
  points: readonly SeriesPointLike[];
}

export type ChartRow = { ts: number } & Record<string, number | null>;

export interface ShapeOptions {
  fields: readonly string[];
  /** A step longer than this many expected steps is a gap. */
  gapFactor?: number;
  /** Never return more rows than this (the store caps already; this is a guard). */
  maxPoints?: number;
}

/** The typical spacing of points: the bucket size, or for raw readings the median step. */
export function expectedStep(series: SeriesLike): number {
  if (series.bucketMs > 0) return series.bucketMs;
  const steps: number[] = [];
  for (let i = 1; i < series.points.length; i++) {
    const d = series.points[i]!.ts - series.points[i - 1]!.ts;
    if (d > 0) steps.push(d);
  }
  if (steps.length === 0) return 0;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}

function rowOf(p: SeriesPointLike, fields: readonly string[]): ChartRow {
  const row: ChartRow = { ts: p.ts };
  for (const f of fields) {
    const v = p.values[f];
    row[f] = v ? v[1] : null;
  }
  return row;
}

function gapRow(ts: number, fields: readonly string[]): ChartRow {
  const row: ChartRow = { ts };
  for (const f of fields) row[f] = null;
  return row;
}

/** Averages consecutive rows into at most `max` rows; a bucket with only nulls stays null (a gap). */
export function decimate(rows: readonly ChartRow[], fields: readonly string[], max: number): ChartRow[] {
  if (rows.length <= max || max <= 0) return rows.slice();
  const per = Math.ceil(rows.length / max);
  const out: ChartRow[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const row: ChartRow = { ts: chunk[0]!.ts };
    for (const f of fields) {
      let sum = 0;
      let n = 0;
      for (const r of chunk) {
        const v = r[f];
        if (typeof v === 'number') {
          sum += v;
          n++;
        }
      }
      row[f] = n > 0 ? sum / n : null;
    }
    out.push(row);
  }
  return out;
}

export function shapeSeries(series: SeriesLike, options: ShapeOptions): ChartRow[] {
  const { fields, gapFactor = 3, maxPoints = 2000 } = options;
  const points = [...series.points].sort((a, b) => a.ts - b.ts);
  const step = expectedStep({ bucketMs: series.bucketMs, points });
  const rows: ChartRow[] = [];
  let prev: SeriesPointLike | undefined;
  for (const p of points) {
    if (prev && step > 0 && p.ts - prev.ts > gapFactor * step) rows.push(gapRow(prev.ts + step, fields));
    rows.push(rowOf(p, fields));
    prev = p;
  }
  return decimate(rows, fields, maxPoints);
}

/** How many rows carry a value for `field` (what a chart actually draws). */
export function countDrawn(rows: readonly ChartRow[], field: string): number {
  return rows.reduce((n, r) => (typeof r[field] === 'number' ? n + 1 : n), 0);
}
