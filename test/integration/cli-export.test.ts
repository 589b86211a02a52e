// `paku-ecoflow export` as the real bin over a real SQLite store: a header
// row, one device's readings in time order (whatever order they were stored
// in), --from/--to inclusive, CSV and JSON; bad arguments exit 2 in words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../common/reading';
import { CSV_HEADER, readingCsvLine } from '../../main/core/app-service/csv';
import { systemClock } from '../../main/core/clock';
import { STORE_FILE_NAME } from '../../main/core/data-dir';
import { silentLogger } from '../../main/core/logger';
import { ReadingStore } from '../../main/core/store/store';
import { sampleReading } from '../helpers/sync-fixtures';
import { runCli, startCli, type Env } from './cli-harness';

const SN = 'DCEXPORT0001';
const OTHER = 'DCEXPORT0002';
/** Enough readings that the export is still writing when its reader goes away. */
const BIG = 'DCEXPORTBIG1';
const BIG_ROWS = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), 'paku-export-'));
const env: Env = { PAKU_DATA_DIR: dir };
/** The device's readings in time order, as export should give them. */
let expected: Reading[];

beforeAll(() => {
  const store = ReadingStore.open({ path: join(dir, STORE_FILE_NAME), clock: systemClock, logger: silentLogger });
  // Stored out of time order (ids do not follow time), with another device in between.
  const seconds = [5, 1, 9, 3, 7, 0, 2, 8, 4, 6];
  const mine = seconds.map((i) => ({ ...sampleReading(SN, i), socPercent: 40 + i }));
  store.insert(mine.slice(0, 5));
  store.insert([sampleReading(OTHER, 3)]);
  store.insert(mine.slice(5));
  for (let i = 0; i < BIG_ROWS; i += 5000) store.insert(Array.from({ length: 5000 }, (_, k) => sampleReading(BIG, i + k)));
  for (const sn of [SN, OTHER, BIG]) store.upsertDevice({ sn, model: 'DELTA Pro', name: `Van ${sn}`, family: 'delta-pro', lastSeenTs: T0 });
  store.close();
  expected = [...mine].sort((a, b) => a.ts - b.ts);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const iso = (second: number) => new Date(T0 + second * 1000).toISOString();
const lines = (csv: string) => csv.split('\r\n');

describe('paku-ecoflow export', () => {
  it('csv: the header row, then every reading of the device in time order', async () => {
    const r = await runCli(['export', '--device', SN, '--format', 'csv'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([CSV_HEADER, ...expected.map(readingCsvLine), '']);
    expect(r.stdout).not.toContain(OTHER);
  });

  it('csv with --from/--to: only that range, both ends included', async () => {
    const r = await runCli(['export', '--device', SN, '--from', iso(2), '--to', iso(6), '--format', 'csv'], env);
    expect(r.code, r.stderr).toBe(0);
    const rows = lines(r.stdout);
    expect(rows[0]).toBe(CSV_HEADER);
    expect(rows.slice(1, -1).map((l) => l.split(',')[0])).toEqual([2, 3, 4, 5, 6].map(iso));
    expect(rows.slice(1, -1).map((l) => l.split(',')[CSV_HEADER.split(',').indexOf('socPercent')])).toEqual(['42', '43', '44', '45', '46']);
  });

  it('json: an array of readings in time order with the stored values', async () => {
    const r = await runCli(['export', '--device', SN, '--from', iso(7), '--format', 'json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected.slice(7));
  });

  it('an empty range: the header row alone, or an empty array', async () => {
    const csv = await runCli(['export', '--device', SN, '--from', '2025-01-01', '--to', '2025-02-01', '--format', 'csv'], env);
    expect([csv.code, csv.stdout]).toEqual([0, CSV_HEADER + '\r\n']);
    const json = await runCli(['export', '--device', SN, '--to', '2025-02-01', '--format', 'json'], env);
    expect([json.code, JSON.parse(json.stdout)]).toEqual([0, []]);
  });

  it('a large export streams all of it; a reader that goes away (| head) ends it quietly with exit 0', async () => {
    const all = await runCli(['export', '--device', BIG, '--format', 'json'], env);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toHaveLength(BIG_ROWS);
    const run = startCli(['export', '--device', BIG, '--format', 'csv'], env);
    await run.waitFor(/^time,sn,/);
    run.child.stdout!.destroy();
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe('');
  });

  it.each([
    [['--format', 'csv'], 'Say which device: --device SERIAL'],
    [['--device', SN, '--format', 'xml'], '--format must be csv or json (got "xml")'],
    [['--device', SN, '--from', 'yesterday', '--format', 'csv'], '--from must be an ISO date or time such as 2026-12-01'],
    [['--device', SN, '--from', iso(5), '--to', iso(1), '--format', 'csv'], '--from must be before --to'],
    [['--device', 'NOSUCHSERIAL', '--format', 'csv'], 'No device NOSUCHSERIAL in'],
  ])('bad arguments %j: exit 2, in words, nothing on stdout', async (args, words) => {
    const r = await runCli(['export', ...args], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
    expect(r.stdout).toBe('');
  });

  it('a data folder without a store: exit 2, says where it looked', async () => {
    const empty = join(dir, 'empty');
    const r = await runCli(['export', '--device', SN, '--format', 'csv'], { PAKU_DATA_DIR: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`No store at ${join(empty, STORE_FILE_NAME)}`);
  });
});
