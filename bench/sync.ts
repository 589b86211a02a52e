// Suite 'sync': a week of 1 Hz backlog for one device (604,800 readings) in a
// real SQLite store, drained by the real SyncWorker into the paku table (with
// its three indexes) over (a) a direct local connection and (b) a proxy adding
// 25 ms each way. Both are compared with the raw limit measured in the same
// run: one COPY FROM STDIN of the same rows, pre-encoded, direct. The naive
// one-INSERT-per-row rate through the same proxy is shown for comparison.
// Durability is unchanged: a batch counts only once its COMMIT is acknowledged.
// The machine is shared, so the three measurements are interleaved over a few
// rounds and each figure is its best round: load from elsewhere hits the limit
// and the drains alike. The proxy runs in its own process, as a network would.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { systemClock } from '../main/core/clock';
import { silentLogger } from '../main/core/logger';
import { ReadingStore } from '../main/core/store/store';
import { createTableSql, PAKU_TABLE, planRows, type RowPlan } from '../main/core/sync/paku-mapping';
import { readColumns } from '../main/core/sync/paku-target';
import { storeChunkReader } from '../main/core/sync/store-reader';
import { SyncWorker } from '../main/core/sync/sync-worker';
import { startPostgres, type PgServer } from '../test/helpers/postgres';
import { sampleReading } from '../test/helpers/sync-fixtures';
import { startTcpProxyProcess } from '../test/helpers/tcp-proxy';
import { figure, type BenchFigure, type BenchSuite } from './harness';

const WEEK = 7 * 24 * 3600;
const ROWS = Number(process.env.SYNC_BENCH_ROWS ?? WEEK);
const ROUNDS = Number(process.env.SYNC_BENCH_ROUNDS ?? 3);

async function fillStore(path: string, log: (l: string) => void): Promise<void> {
  const store = ReadingStore.open({ path, clock: systemClock, logger: silentLogger });
  const t0 = performance.now();
  for (let i = 0; i < ROWS; i += 5000) {
    const chunk = [];
    for (let k = i; k < Math.min(ROWS, i + 5000); k++) chunk.push(sampleReading('DCABZ7BENCH', k));
    store.insert(chunk);
  }
  log(`store filled with ${ROWS} readings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  store.close();
}

/** A fresh database with the paku table and its indexes; dropped by the returned function. */
async function freshDb(server: PgServer, name: string): Promise<() => Promise<void>> {
  await server.query(`CREATE DATABASE ${name}`);
  for (const sql of createTableSql()) await server.query(sql, [], name);
  return async () => void (await server.query(`DROP DATABASE ${name} WITH (FORCE)`));
}

/** The table's write plan and every row pre-encoded, once for all rounds. */
async function preEncode(server: PgServer, storePath: string): Promise<{ plan: RowPlan; chunks: Uint8Array[] }> {
  const drop = await freshDb(server, 'encode');
  const client = new pg.Client(server.url({ database: 'encode' }));
  await client.connect();
  const plan = planRows(await readColumns(client));
  await client.end();
  await drop();
  const store = ReadingStore.open({ path: storePath, clock: systemClock, logger: silentLogger });
  const read = storeChunkReader(store.database)(plan);
  const chunks: Uint8Array[] = [];
  for (let after = 0; ; ) {
    const c = read(after, 5000);
    if (c.lastId === 0) break;
    chunks.push(Buffer.from(c.data));
    after = c.lastId;
  }
  store.close();
  return { plan, chunks };
}

/** The raw limit: the pre-encoded rows in one COPY over a direct connection. */
async function rawCopy(url: string, rows: { plan: RowPlan; chunks: Uint8Array[] }): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  const t0 = performance.now();
  const copy = client.query(copyFrom(rows.plan.copySql));
  for (const c of rows.chunks) if (!copy.write(c)) await once(copy, 'drain');
  copy.end();
  await once(copy, 'finish');
  const secs = (performance.now() - t0) / 1000;
  await client.end();
  return ROWS / secs;
}

/** Drains a fresh copy of the store with the real worker; rows/s from start (connect included) to the last acknowledged COMMIT. */
async function drain(url: string, storePath: string, log: (l: string) => void): Promise<number> {
  const store = ReadingStore.open({ path: storePath, clock: systemClock, logger: silentLogger });
  const worker = new SyncWorker({ outbox: store.outbox, installationId: 'bench', pg: { url }, idlePollMs: 20, chunkReader: storeChunkReader(store.database) });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // Errors arrive with status events (one per batch); polling status() would count the backlog and compete for the CPU.
  let failure: string | null = null;
  worker.onStatus((s) => (failure = s.lastError?.message ?? null));
  worker.start();
  while (store.outbox.syncedUpTo() < ROWS) {
    await new Promise((r) => setTimeout(r, 10));
    if (failure) throw new Error(`sync failed: ${failure}`);
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await worker.stop();
  store.close();
  log(`    ${Math.round(ROWS / secs)} rows/s, this process ${((cpu.user + cpu.system) / ROWS).toFixed(1)} µs CPU per row`);
  return ROWS / secs;
}

async function naiveInserts(url: string, n: number): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = sampleReading('NAIVE', i);
    await client.query(`INSERT INTO ${PAKU_TABLE} (device_sn, ts, soc_percent, watts_in_sum, watts_out_sum, bms_vol) VALUES ($1, $2, $3, $4, $5, $6)`, [
      r.sn,
      new Date(r.ts),
      r.socPercent,
      r.wattsIn,
      r.wattsOut,
      (r.batteryVolts ?? 0) * 1000,
    ]);
  }
  const secs = (performance.now() - t0) / 1000;
  await client.end();
  return n / secs;
}

export const syncSuite: BenchSuite = {
  name: 'sync',
  description: `drain ${ROWS} readings (one device, 1 Hz) from SQLite into the paku table: direct and through a 50 ms round-trip link, best of ${ROUNDS} interleaved rounds`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'paku-bench-sync-'));
    const server = await startPostgres();
    const proxy = await startTcpProxyProcess({ targetPort: server.port, latencyMs: 25 });
    const wanUrl = (db: string) => `postgres://postgres@127.0.0.1:${proxy.port}/${db}`;
    try {
      const base = join(dir, 'base.sqlite');
      await fillStore(base, log);
      const rows = await preEncode(server, base);
      const best = { raw: 0, direct: 0, wan: 0 };
      const runs = {
        raw: async () => {
          log('  raw COPY:');
          const r = await rawCopy(server.url({ database: 'raw' }), rows);
          log(`    ${Math.round(r)} rows/s`);
          return r;
        },
        direct: async () => {
          log('  SyncWorker direct:');
          return drain(server.url({ database: 'direct' }), join(dir, 'direct.sqlite'), log);
        },
        wan: async () => {
          log('  SyncWorker through 25 ms each way:');
          return drain(wanUrl('wan'), join(dir, 'wan.sqlite'), log);
        },
      };
      const order = ['raw', 'direct', 'wan'] as const;
      for (let round = 0; round < ROUNDS; round++) {
        log(`round ${round + 1}:`);
        // Each kind goes first in some round, and each run starts from a checkpointed server, so none inherits another's WAL work.
        for (const name of [...order.slice(round % 3), ...order.slice(0, round % 3)]) {
          const drop = await freshDb(server, name);
          if (name !== 'raw') copyFileSync(base, join(dir, `${name}.sqlite`));
          await server.query('CHECKPOINT');
          best[name] = Math.max(best[name], await runs[name]());
          rmSync(join(dir, `${name}.sqlite`), { force: true });
          await drop();
        }
      }
      log(`raw limit (one COPY, pre-encoded, direct): ${Math.round(best.raw)} rows/s`);
      log(`SyncWorker direct: ${Math.round(best.direct)} rows/s = ${(best.direct / best.raw).toFixed(2)} of the limit (goal 0.7)`);
      log(`SyncWorker through 25 ms each way: ${Math.round(best.wan)} rows/s = ${(best.wan / best.raw).toFixed(2)} of the limit (goal 0.6)`);
      const dropNaive = await freshDb(server, 'naive');
      const naive = await naiveInserts(wanUrl('naive'), 200);
      await dropNaive();
      log(`naive one INSERT per row through the same link: ${naive.toFixed(1)} rows/s (a week would take ${(WEEK / naive / 3600).toFixed(1)} h)`);
      const figures: BenchFigure[] = [
        figure('sync.raw.rowsPerSec', best.raw, 'rows/s'),
        figure('sync.direct.ratio', best.direct, 'rows/s', best.raw, best.direct / best.raw),
        figure('sync.wan50.ratio', best.wan, 'rows/s', best.raw, best.wan / best.raw),
        figure('sync.naive.wan50.rowsPerSec', naive, 'rows/s', best.wan, naive / best.wan),
      ];
      return figures;
    } finally {
      await proxy.close();
      await server.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
