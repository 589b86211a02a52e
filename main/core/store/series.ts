// Chart series: the finest resolution that keeps a series within maxPoints.
// Raw readings when few enough; else buckets of a "nice" width merged from raw
// rows (under a minute), the minute rollups (under an hour) or the hour
// rollups. Missing data is a gap point (every value null), never interpolated.
import type BetterSqlite3 from 'better-sqlite3';
import { READING_FIELD_NAMES, type ReadingField } from '../../../common/reading';
import { CodedError } from '../../../common/errors';
import { HOUR_MS, MINUTE_MS, ROLLUP_TABLES, columnOf, isRollupField, rollupColumnsOf } from './columns';
import type { RollupResolution, SeriesPoint, SeriesQuery, SeriesResult } from './types';

const S = 1000;
/** Bucket widths tried in order; past the last, whole multiples of a week. */
export const NICE_STEPS_MS = [
  1 * S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  MINUTE_MS, 2 * MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS,
  HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, 24 * HOUR_MS, 2 * 24 * HOUR_MS, 7 * 24 * HOUR_MS,
];
/** Raw points further apart than this (and 3× the typical spacing) have a gap between them. */
export const RAW_GAP_MIN_MS = MINUTE_MS;

const KNOWN = new Set<string>(READING_FIELD_NAMES);

function bucketsSpanned(from: number, to: number, step: number): number {
  return Math.floor(to / step) - Math.floor(from / step) + 1;
}

/** The narrowest bucket width whose aligned buckets over [from, to] number at most maxPoints. */
export function chooseStep(from: number, to: number, maxPoints: number): number {
  for (const s of NICE_STEPS_MS) if (bucketsSpanned(from, to, s) <= maxPoints) return s;
  const week = 7 * 24 * HOUR_MS;
  let s = week * Math.ceil((to - from) / week / Math.max(1, maxPoints - 1));
  while (bucketsSpanned(from, to, s) > maxPoints) s += week;
  return s;
}

/** Which table serves a step: raw under a minute, minute rollups under an hour, else hour rollups. */
export function resolutionFor(step: number, fields: readonly ReadingField[]): RollupResolution {
  if (step < MINUTE_MS || !fields.every(isRollupField)) return 'raw';
  return step < HOUR_MS || step % HOUR_MS !== 0 ? 'minute' : 'hour';
}

const num = (v: unknown, bad: () => void): number | null => {
  if (v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  bad();
  return null;
};

function gapPoint(ts: number, fields: readonly ReadingField[]): SeriesPoint {
  return { ts, values: Object.fromEntries(fields.map((f) => [f, null])) };
}

function rawPoints(db: BetterSqlite3.Database, q: SeriesQuery, bad: () => void): SeriesPoint[] {
  const rows = db
    .prepare(`SELECT ts, ${q.fields.map(columnOf).join(', ') || 'NULL'} FROM readings WHERE sn = ? AND ts >= ? AND ts <= ? ORDER BY ts, id`)
    .raw(true)
    .all(q.sn, q.from, q.to) as unknown[][];
  const pts: SeriesPoint[] = [];
  for (const row of rows) {
    const ts = row[0];
    if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) {
      bad();
      continue;
    }
    const values: SeriesPoint['values'] = {};
    q.fields.forEach((f, i) => {
      const v = num(row[i + 1], bad);
      values[f] = v === null ? null : [v, v, v];
    });
    pts.push({ ts, values });
  }
  const spacings = pts.slice(1).map((p, i) => p.ts - pts[i]!.ts).sort((a, b) => a - b);
  const gapMs = Math.max(RAW_GAP_MIN_MS, 3 * (spacings[Math.floor(spacings.length / 2)] ?? 0));
  const out: SeriesPoint[] = [];
  for (const p of pts) {
    const prev = out[out.length - 1];
    if (prev && p.ts - prev.ts > gapMs) out.push(gapPoint(prev.ts + 1, q.fields));
    out.push(p);
  }
  return out;
}

function bucketSql(res: RollupResolution, fields: readonly ReadingField[]): string {
  // CAST: better-sqlite3 binds numbers as REAL, and REAL division would give one bucket per row.
  if (res === 'raw') {
    const aggs = fields.map((f) => `min(${columnOf(f)}), avg(${columnOf(f)}), max(${columnOf(f)})`);
    return `SELECT CAST(ts / ? AS INTEGER) AS k${aggs.map((a) => ', ' + a).join('')}
      FROM readings WHERE sn = ? AND ts >= ? AND ts <= ? GROUP BY k ORDER BY k`;
  }
  const aggs = fields.map((f) => {
    const c = rollupColumnsOf(f as Parameters<typeof rollupColumnsOf>[0]);
    return `min(${c.min}), sum(${c.sum}) / sum(${c.n}), max(${c.max})`;
  });
  return `SELECT CAST(bucket / ? AS INTEGER) AS k${aggs.map((a) => ', ' + a).join('')}
    FROM ${ROLLUP_TABLES[res]} WHERE sn = ? AND bucket >= ? AND bucket <= ? GROUP BY k ORDER BY k`;
}

function bucketedPoints(db: BetterSqlite3.Database, q: SeriesQuery, step: number, res: RollupResolution, bad: () => void): SeriesPoint[] {
  const start = Math.floor(q.from / step) * step;
  const rows = db.prepare(bucketSql(res, q.fields)).raw(true).all(step, q.sn, start, q.to) as unknown[][];
  const out: SeriesPoint[] = [];
  let prevK: number | null = null;
  for (const row of rows) {
    const k = row[0];
    if (typeof k !== 'number') {
      bad();
      continue;
    }
    if (prevK !== null && k > prevK + 1) out.push(gapPoint((prevK + 1) * step, q.fields));
    const values: SeriesPoint['values'] = {};
    q.fields.forEach((f, i) => {
      const mn = num(row[1 + 3 * i], bad);
      const avg = num(row[2 + 3 * i], bad);
      const mx = num(row[3 + 3 * i], bad);
      values[f] = mn === null || avg === null || mx === null ? null : [mn, avg, mx];
    });
    out.push({ ts: k * step, values });
    prevK = k;
  }
  return out;
}

export function querySeries(db: BetterSqlite3.Database, q: SeriesQuery, bad: () => void): SeriesResult {
  const unknown = q.fields.filter((f) => !KNOWN.has(f));
  if (unknown.length) throw new CodedError('bad-request', `Unknown reading field(s) for a chart: ${unknown.join(', ')}`);
  if (!(Number.isFinite(q.from) && Number.isFinite(q.to) && q.to >= q.from)) {
    throw new CodedError('bad-request', `A chart range needs from <= to (got ${q.from} .. ${q.to})`);
  }
  const maxPoints = Math.max(2, Math.floor(q.maxPoints));
  // Bounded count: never scans more than maxPoints + 1 index entries.
  const n = db
    .prepare('SELECT count(*) FROM (SELECT 1 FROM readings WHERE sn = ? AND ts >= ? AND ts <= ? LIMIT ?)')
    .pluck()
    .get(q.sn, q.from, q.to, maxPoints + 1) as number;
  if (n <= maxPoints) {
    const points = rawPoints(db, q, bad);
    if (points.length <= maxPoints) return { resolution: 'raw', bucketMs: 0, points };
  }
  const step = chooseStep(q.from, q.to, maxPoints);
  const res = resolutionFor(step, q.fields);
  return { resolution: res, bucketMs: step, points: bucketedPoints(db, q, step, res, bad) };
}
