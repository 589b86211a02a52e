// Shared test fixtures for the store tests (unit and integration).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyReading, type Reading, type ReadingField } from '../../../../../common/reading';
import { ManualClock } from '../../../../../main/core/clock';
import { createLogger, type Logger } from '../../../../../main/core/logger';
import { ENERGY_KEYS, ROLLUP_FIELDS, ROLLUP_TABLES, energyColumnOf, rollupColumnsOf } from '../../../../../main/core/store/columns';
import { ACC, rollupsOf } from '../../../../../main/core/store/rollups';
import { ReadingStore, type ReadingStoreOptions } from '../../../../../main/core/store/store';

export const T0 = Date.UTC(2026, 0, 5); // a Monday, 00:00 UTC
export const SN = 'DCABZ5ZE4100001';

export function reading(ts: number, values: Partial<Record<ReadingField, number | null>> = {}, sn = SN): Reading {
  return { ...emptyReading(sn, ts), ...values };
}

/** Evenly spaced readings with constant values. */
export function steady(from: number, count: number, spacingMs: number, values: Partial<Record<ReadingField, number | null>>, sn = SN): Reading[] {
  return Array.from({ length: count }, (_, i) => reading(from + i * spacingMs, values, sn));
}

export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ sink: (l) => lines.push(l), level: 'debug' }), lines };
}

export function tempDir(prefix = 'paku-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function memoryStore(opts: Partial<ReadingStoreOptions> = {}): { store: ReadingStore; clock: ManualClock } {
  const clock = new ManualClock(T0);
  const store = ReadingStore.open({ path: ':memory:', clock, logger: capturingLogger().logger, ...opts });
  return { store, clock };
}

/** Differences between the rollup tables and rollups recomputed from the stored readings (empty = consistent). */
export function rollupMismatches(store: ReadingStore): string[] {
  const all: Reading[] = [];
  for (let after = 0; ; ) {
    const b = store.outbox.take(after, 10_000);
    if (b.lastId === 0) break;
    all.push(...b.readings);
    after = b.lastId;
  }
  const expected = rollupsOf(all);
  const out: string[] = [];
  for (const [name, map] of [['minute', expected.minute], ['hour', expected.hour]] as const) {
    const table = ROLLUP_TABLES[name];
    const rows = store.database.prepare(`SELECT * FROM ${table}`).all() as Record<string, number | string | null>[];
    if (rows.length !== map.rows.size) out.push(`${table}: ${rows.length} rows, expected ${map.rows.size}`);
    for (const row of rows) {
      const exp = map.rows.get(`${row.sn}\u0000${row.bucket}`);
      if (!exp) {
        out.push(`${table}: unexpected bucket ${row.sn} ${row.bucket}`);
        continue;
      }
      ROLLUP_FIELDS.forEach((f, i) => {
        const c = rollupColumnsOf(f);
        const min = exp.data[ACC.min + i]!;
        const expMin = Number.isNaN(min) ? null : min;
        if (row[c.n] !== exp.data[ACC.n + i] || row[c.min] !== expMin) {
          out.push(`${table} ${row.bucket} ${f}: n=${row[c.n]} min=${row[c.min]}, expected n=${exp.data[ACC.n + i]} min=${expMin}`);
        }
      });
      ENERGY_KEYS.forEach((k, j) => {
        const got = row[energyColumnOf(k)] as number;
        if (Math.abs(got - exp.data[ACC.energy + j]!) > 1e-6) out.push(`${table} ${row.bucket} ${k}: ${got}, expected ${exp.data[ACC.energy + j]}`);
      });
    }
  }
  return out;
}
