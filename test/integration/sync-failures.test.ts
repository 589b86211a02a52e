// Exactly once while things break: the server stopped and restarted during
// collection, the connection cut right after COMMIT (server committed, client
// never told), and two installations plus the older collector writing the
// same table at once. Real SQLite stores, real PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { createLogger, silentLogger } from '../../main/core/logger';
import { ReadingStore } from '../../main/core/store/store';
import { storeChunkReader } from '../../main/core/sync/store-reader';
import { SyncWorker, type SyncWorkerOptions } from '../../main/core/sync/sync-worker';
import { startPostgres, type PgServer } from '../helpers/postgres';
import { startTcpProxy } from '../helpers/tcp-proxy';
import { pakuRowStats, sampleReading, waitFor } from '../helpers/sync-fixtures';

let server: PgServer;
let dir: string;
let db = 0;

beforeAll(async () => {
  server = await startPostgres({ password: 'admin-pw', roles: [{ name: 'paku', password: 'paku-pw-1' }] });
  dir = mkdtempSync(join(tmpdir(), 'paku-sync-'));
});
afterAll(async () => {
  await server?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function freshDb(): Promise<string> {
  const name = `f${++db}`;
  await server.query(`CREATE DATABASE ${name} OWNER paku`);
  return name;
}

function openStore(name: string): ReadingStore {
  return ReadingStore.open({ path: join(dir, `${name}.sqlite`), clock: systemClock, logger: silentLogger });
}

/** Stores one reading per device every `everyMs` until stopped; returns how many per device. */
function collect(store: ReadingStore, sns: string[], everyMs: number, notify: () => void): { stop: () => number } {
  let i = 0;
  const timer = setInterval(() => {
    store.insert(sns.map((sn) => sampleReading(sn, i)));
    i++;
    notify();
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return i;
    },
  };
}

function makeWorker(store: ReadingStore, pgUrl: string, over: Partial<SyncWorkerOptions> = {}): SyncWorker {
  return new SyncWorker({
    outbox: store.outbox,
    installationId: 'inst-1',
    pg: { url: pgUrl, password: 'paku-pw-1', connectTimeoutMs: 2000 },
    backoff: { minMs: 50, maxMs: 300 },
    idlePollMs: 20,
    batchSize: 40,
    // The store renders COPY lines itself (the fast path); the COMMIT-cut test uses the portable outbox reader.
    chunkReader: storeChunkReader(store.database),
    ...over,
  });
}

async function expectExactlyOnce(database: string, perDevice: Record<string, number>): Promise<void> {
  const stats = await pakuRowStats((sql) => server.query(sql, [], database));
  for (const [sn, n] of Object.entries(perDevice)) {
    expect(stats.get(sn), sn).toEqual({ rows: n, distinct: n, minTs: Date.UTC(2026, 0, 1), maxTs: Date.UTC(2026, 0, 1) + (n - 1) * 1000 });
  }
}

test('Postgres stopped during collection and restarted: every reading arrives once', async () => {
  const database = await freshDb();
  const store = openStore('restart');
  const w = makeWorker(store, server.url({ user: 'paku', password: null, database }));
  w.start();
  const c = collect(store, ['DP1', 'DP2'], 5, () => w.notify());
  await waitFor(() => w.status().syncedLastHour > 100, 10_000, 'first rows synced');
  await server.kill(); // crash-like, mid-batch most likely
  await waitFor(() => w.status().connected === false, 10_000, 'worker notices');
  const backlogBefore = store.outbox.unsyncedCount();
  await new Promise((r) => setTimeout(r, 600)); // collecting goes on meanwhile
  expect(store.outbox.unsyncedCount()).toBeGreaterThan(backlogBefore);
  expect(w.status().lastError?.code).toBe('pg-unreachable');
  await server.start();
  await waitFor(() => w.status().connected, 10_000, 'reconnect');
  await new Promise((r) => setTimeout(r, 300));
  const n = c.stop();
  w.notify();
  await waitFor(() => store.outbox.unsyncedCount() === 0, 15_000, 'backlog drained');
  await w.stop();
  await expectExactlyOnce(database, { DP1: n, DP2: n });
  expect(w.status().lastError).toBeNull();
  store.close();
});

test('connection cut right after COMMIT, repeatedly: no duplicates, no loss', async () => {
  const database = await freshDb();
  const proxy = await startTcpProxy({ targetPort: server.port, latencyMs: 2 });
  const store = openStore('commit-cut');
  const url = `postgres://paku@127.0.0.1:${proxy.port}/${database}`;
  const lines: string[] = [];
  const w = makeWorker(store, url, { batchSize: 25, chunkReader: undefined, logger: createLogger({ sink: (l) => lines.push(l) }) });
  w.start();
  const c = collect(store, ['DP1'], 4, () => w.notify());
  await waitFor(() => w.status().lastSyncTs !== null, 10_000, 'first batch (table created)');
  for (let k = 0; k < 8; k++) {
    const before = proxy.commitsCut;
    proxy.cutNextCommits(1);
    await waitFor(() => proxy.commitsCut > before, 10_000, `cut ${k + 1}`);
    await waitFor(() => w.status().connected, 10_000, `reconnect ${k + 1}`);
  }
  const n = c.stop();
  w.notify();
  await waitFor(() => store.outbox.unsyncedCount() === 0, 15_000, 'drained');
  await w.stop();
  await proxy.close();
  expect(proxy.commitsCut).toBe(8);
  // The server committed every cut batch; the worker learned it from the ledger on reconnect.
  expect(lines.filter((l) => l.includes('acknowledgement was lost')).length).toBe(8);
  await expectExactlyOnce(database, { DP1: n });
  // Every cut batch was committed by the server although the worker never heard so.
  const ledger = await server.query<{ mark: number }>(`SELECT last_local_id::int AS mark FROM paku_ecoflow_sync`, [], database);
  expect(ledger).toEqual([{ mark: store.outbox.syncedUpTo() }]);
  store.close();
});

test('two installations and the older collector writing one table at once: each reading once', async () => {
  const database = await freshDb();
  const url = server.url({ user: 'paku', password: null, database });
  const stores = [openStore('two-a'), openStore('two-b')];
  const workers = stores.map((s, k) => makeWorker(s, url, { installationId: `inst-${k}`, batchSize: 30 }));
  // Both create the (missing) table and ledger at the same moment.
  workers.forEach((w) => w.start());
  const collectors = stores.map((s, k) => collect(s, [`DEV${k}`], 3, () => workers[k]!.notify()));
  const legacy = setInterval(() => {
    server.query(`INSERT INTO ecoflow_measurements (device_sn, ts, soc_percent) VALUES ('LEGACY', now(), 1)`, [], database).catch(() => {});
  }, 15);
  await new Promise((r) => setTimeout(r, 1500));
  const counts = collectors.map((c) => c.stop());
  clearInterval(legacy);
  workers.forEach((w) => w.notify());
  await waitFor(() => stores.every((s) => s.outbox.unsyncedCount() === 0), 15_000, 'both drained');
  await Promise.all(workers.map((w) => w.stop()));
  await expectExactlyOnce(database, { DEV0: counts[0]!, DEV1: counts[1]! });
  const ledger = await server.query(`SELECT installation_id, last_local_id::int AS mark FROM paku_ecoflow_sync ORDER BY 1`, [], database);
  expect(ledger).toEqual([
    { installation_id: 'inst-0', mark: stores[0]!.outbox.syncedUpTo() },
    { installation_id: 'inst-1', mark: stores[1]!.outbox.syncedUpTo() },
  ]);
  stores.forEach((s) => s.close());
});

test('one installation id on two stores: refused in words; a mark moved by another writer: nothing committed twice', async () => {
  const database = await freshDb();
  const url = server.url({ user: 'paku', password: null, database });
  const a = openStore('shared-a');
  a.insert(Array.from({ length: 20 }, (_, i) => sampleReading('SHA', i)));
  const wa = makeWorker(a, url, { installationId: 'shared' });
  const errors: string[] = [];
  wa.onStatus((s) => s.lastError && errors.push(s.lastError.message));
  wa.start();
  await waitFor(() => a.outbox.unsyncedCount() === 0, 10_000, 'a synced');

  // Another writer moves the mark back (as a second store with this id would): the next commit must not go through.
  await server.query(`UPDATE paku_ecoflow_sync SET last_local_id = 5 WHERE installation_id = 'shared'`, [], database);
  a.insert(Array.from({ length: 10 }, (_, i) => sampleReading('SHA', 20 + i)));
  wa.notify();
  await waitFor(() => a.outbox.unsyncedCount() === 0 && wa.status().connected, 10_000, 'a synced again');
  await wa.stop();
  expect(errors.some((m) => m.includes('the paku ledger mark of installation shared changed under this app'))).toBe(true);
  await expectExactlyOnce(database, { SHA: 30 });

  // A smaller store claiming the same id: refused before writing anything.
  const b = openStore('shared-b');
  b.insert(Array.from({ length: 5 }, (_, i) => sampleReading('SHB', i)));
  const wb = makeWorker(b, url, { installationId: 'shared' });
  wb.start();
  await waitFor(() => wb.status().lastError !== null, 10_000, 'b refused');
  await wb.stop();
  expect(wb.status().lastError?.message).toMatch(/ahead of this store .* another store uses this installation id/);
  expect(b.outbox.unsyncedCount()).toBe(5);
  const rows = await server.query<{ n: number }>(`SELECT count(*)::int AS n FROM ecoflow_measurements WHERE device_sn = 'SHB'`, [], database);
  expect(rows[0]!.n).toBe(0);
  a.close();
  b.close();
});
