// The energy ledger: Wh per local day / week / month, summed from the hour
// rollups (the minute rollups when a zone's offset is not whole hours). Which
// source each piece of energy came from (device counter or integrated power) was
// decided when it was rolled up: see energy-math.ts.
import type BetterSqlite3 from 'better-sqlite3';
import { ENERGY_KEYS, HOUR_MS, ROLLUP_TABLES, energyColumnOf } from './columns';
import { localBoundaries } from './local-time';
import type { EnergyBucket, LedgerBucket, LedgerTimeZone } from './types';

const COLS = [...ENERGY_KEYS.map(energyColumnOf), 'covered_ms'].join(', ');

function emptyBucket(ts: number): EnergyBucket {
  return { ts, whIn: 0, whOut: 0, whSolar: 0, whAcIn: 0, whCarIn: 0, whAcOut: 0, whDcOut: 0, coveredMs: 0 };
}

export function energyLedger(
  db: BetterSqlite3.Database,
  sn: string,
  from: number,
  to: number,
  bucket: LedgerBucket,
  tz: LedgerTimeZone,
  bad: () => void,
): EnergyBucket[] {
  const bounds = localBoundaries(from, to, bucket, tz);
  if (bounds.length < 2) return [];
  const table = bounds.every((b) => b % HOUR_MS === 0) ? ROLLUP_TABLES.hour : ROLLUP_TABLES.minute;
  const rows = db
    .prepare(`SELECT bucket, ${COLS} FROM ${table} WHERE sn = ? AND bucket >= ? AND bucket < ? ORDER BY bucket`)
    .raw(true)
    .all(sn, bounds[0], bounds[bounds.length - 1]) as unknown[][];
  const out = bounds.slice(0, -1).map(emptyBucket);
  let i = 0;
  for (const row of rows) {
    if (!row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      bad();
      continue;
    }
    const t = row[0] as number;
    while (i < out.length - 1 && t >= bounds[i + 1]!) i++;
    const b = out[i]!;
    ENERGY_KEYS.forEach((k, j) => (b[k] += row[1 + j] as number));
    b.coveredMs += row[1 + ENERGY_KEYS.length] as number;
  }
  return out;
}
