// The store's SQL rendering of COPY lines must equal the JS encoder's, row for
// row, for every column format; bad stored values are skipped by both.
import { afterEach, expect, test } from 'vitest';
import { emptyReading, READING_FIELDS, READING_FIELD_NAMES, type Reading } from '../../../../../common/reading';
import { ManualClock } from '../../../../../main/core/clock';
import { silentLogger } from '../../../../../main/core/logger';
import { ReadingStore } from '../../../../../main/core/store/store';
import { outboxReader } from '../../../../../main/core/sync/copy-batch';
import { PAKU_CONTRACT_COLUMNS, planRows, type ExistingColumn } from '../../../../../main/core/sync/paku-mapping';
import { storeChunkReader } from '../../../../../main/core/sync/store-reader';

let store: ReadingStore | null = null;
afterEach(() => store?.close());

/** Deterministic pseudo-random readings at device resolutions, with nulls and signs. */
function readings(n: number): Reading[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Reading[] = [];
  for (let i = 0; i < n; i++) {
    const r = emptyReading(i % 7 === 0 ? 'odd\\sn\twith\nstuff' : 'DCABZ1', Date.UTC(2026, 0, 1) + i * 1000 + (i % 3) * 7);
    for (const f of READING_FIELD_NAMES) {
      if (rnd() < 0.15) continue;
      const unit = READING_FIELDS[f].unit;
      const v =
        unit === 'flag' ? Math.round(rnd())
        : unit === 'state' ? Math.floor(rnd() * 3) - 1
        : unit === 'V' ? Math.round(rnd() * 60000) / 1000
        : unit === 'A' ? Math.round((rnd() - 0.5) * 40000) / 1000
        : unit === '°C' ? Math.round(rnd() * 800 - 200) / 20
        : unit === 'Ah' ? Math.round(rnd() * 100000) / 1000
        : unit === 'W' ? Math.round(rnd() * 30000) / 10
        : Math.round(rnd() * 1000) - (unit === 'dBm' ? 1000 : 0);
      r[f] = v;
    }
    out.push(r);
  }
  return out;
}

const contract: ExistingColumn[] = PAKU_CONTRACT_COLUMNS.map((name) => ({
  name,
  dataType: /temp|_vol|_amp|cap|inv_input/.test(name) ? 'numeric' : name === 'device_sn' ? 'text' : name === 'ts' ? 'timestamp with time zone' : 'integer',
}));
const odd: ExistingColumn[] = [
  { name: 'device_sn', dataType: 'text' },
  { name: 'ts', dataType: 'timestamp with time zone' },
  { name: 'bms_vol', dataType: 'integer' },
  { name: 'soc_percent', dataType: 'numeric' },
  { name: 'inv_cfg_ac_enabled', dataType: 'boolean' },
  { name: 'remain_time_min', dataType: 'bigint' },
];

test.each([['contract', contract], ['odd types', odd]])('SQL lines equal JS lines (%s)', (_, columns) => {
  store = ReadingStore.open({ path: ':memory:', clock: new ManualClock(), logger: silentLogger });
  store.insert(readings(400));
  // Number formats at their edges: integral °C, -0 after rounding, exponent form, halves.
  const edge = { ...emptyReading('EDGE', Date.UTC(2026, 0, 2)), batteryTempC: 24, inverterTempC: -0.0004, mpptTempC: 1e20, cellMinTempC: 2.0005, wattsIn: -2.5, batteryVolts: 0.0005 };
  store.insert([edge]);
  const plan = planRows(columns);
  const js = outboxReader(store.outbox, plan)(0, 1000);
  const sql = storeChunkReader(store.database)(plan)(0, 1000);
  expect(sql.rows).toBe(401);
  expect(sql.lastId).toBe(js.lastId);
  // Same lines in the same order: paku's ids then follow the readings' order (dashboards pick "latest" by id).
  const lines = (d: string | Uint8Array) => Buffer.from(d).toString('utf8').split('\n');
  const [a, b] = [lines(js.data), lines(sql.data)];
  expect(b.length).toBe(a.length);
  for (let i = 0; i < a.length; i++) expect(b[i], `row ${i}`).toBe(a[i]);
});

test('a stored value that is not a finite number is skipped by both readers, and the mark moves past it', () => {
  store = ReadingStore.open({ path: ':memory:', clock: new ManualClock(), logger: silentLogger });
  store.insert(readings(5).map((r) => ({ ...r, wattsIn: 5 })));
  store.database.prepare(`UPDATE readings SET watts_in = 'garbage' WHERE id = 3`).run();
  store.database.prepare(`UPDATE readings SET battery_volts = 9e999 WHERE id = 4`).run(); // +Infinity
  const plan = planRows(contract);
  const sql = storeChunkReader(store.database)(plan)(0, 10);
  const js = outboxReader(store.outbox, plan)(0, 10);
  expect([sql.rows, sql.lastId]).toEqual([3, 5]);
  expect([js.rows, js.lastId]).toEqual([3, 5]);
  expect(Buffer.from(sql.data).toString('utf8')).toBe(js.data);
});
