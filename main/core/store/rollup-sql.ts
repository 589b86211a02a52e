// Merges accumulated rollup rows into rollup_minute / rollup_hour (upsert that
// combines min/max and adds sums, counts, energy and covered time).
import type BetterSqlite3 from 'better-sqlite3';
import { ENERGY_KEYS, ROLLUP_FIELDS, ROLLUP_TABLES, energyColumnOf, rollupColumnsOf } from './columns';
import { ACC, type RollupAccumulator, type RollupRow } from './rollups';

const fieldCols = ROLLUP_FIELDS.map(rollupColumnsOf);
const energyCols = ENERGY_KEYS.map(energyColumnOf);

function upsertSql(table: string): string {
  const cols = [
    'sn',
    'bucket',
    ...fieldCols.map((c) => c.min),
    ...fieldCols.map((c) => c.max),
    ...fieldCols.map((c) => c.sum),
    ...fieldCols.map((c) => c.n),
    ...energyCols,
    'covered_ms',
  ];
  const sets = [
    // min(NULL, x) is NULL in SQLite, so coalesce falls back to whichever side has a value.
    ...fieldCols.map((c) => `${c.min} = coalesce(min(${c.min}, excluded.${c.min}), ${c.min}, excluded.${c.min})`),
    ...fieldCols.map((c) => `${c.max} = coalesce(max(${c.max}, excluded.${c.max}), ${c.max}, excluded.${c.max})`),
    ...[...fieldCols.flatMap((c) => [c.sum, c.n]), ...energyCols, 'covered_ms'].map((c) => `${c} = ${c} + excluded.${c}`),
  ];
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
    ON CONFLICT(sn, bucket) DO UPDATE SET ${sets.join(', ')}`;
}

function params(row: RollupRow): (string | number | null)[] {
  const out: (string | number | null)[] = [row.sn, row.bucket];
  const d = row.data;
  for (let i = 0; i < ACC.size; i++) {
    const v = d[i]!;
    out.push(Number.isNaN(v) ? null : v);
  }
  return out;
}

export class RollupWriter {
  readonly #minute: BetterSqlite3.Statement;
  readonly #hour: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.#minute = db.prepare(upsertSql(ROLLUP_TABLES.minute));
    this.#hour = db.prepare(upsertSql(ROLLUP_TABLES.hour));
  }

  /** Call inside the transaction that inserts the readings the accumulator saw. */
  write(acc: RollupAccumulator): void {
    for (const row of acc.minute.rows.values()) this.#minute.run(params(row));
    for (const row of acc.hour.rows.values()) this.#hour.run(params(row));
  }
}
