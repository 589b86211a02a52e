// SIGKILL of the collecting + syncing process mid-batch, several times, then a
// restart that drains the rest: every stored reading is in paku exactly once.
// The child is a real Node process over a real SQLite file; a proxy adds
// latency so each batch spends most of its time in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/logger';
import { ReadingStore } from '../../main/core/store/store';
import { startPostgres, type PgServer } from '../helpers/postgres';
import { pakuRowStats, waitFor } from '../helpers/sync-fixtures';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

const root = resolve(import.meta.dirname, '..', '..');
let server: PgServer;
let proxy: TcpProxy;
let dir: string;

beforeAll(async () => {
  server = await startPostgres({ roles: [{ name: 'paku', password: 'paku-pw-1' }] });
  proxy = await startTcpProxy({ targetPort: server.port, latencyMs: 15 });
  dir = mkdtempSync(join(tmpdir(), 'paku-crash-'));
});
afterAll(async () => {
  await proxy?.close();
  await server?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

// The child collects one reading every 2 ms (continuing the series) and syncs;
// with DRAIN=1 it only syncs until the outbox is empty, then exits.
const CHILD = `
import { systemClock } from '${root}/main/core/clock';
import { silentLogger } from '${root}/main/core/logger';
import { ReadingStore } from '${root}/main/core/store/store';
import { SyncWorker } from '${root}/main/core/sync/sync-worker';
import { storeChunkReader } from '${root}/main/core/sync/store-reader';
import { sampleReading } from '${root}/test/helpers/sync-fixtures';
const store = ReadingStore.open({ path: process.env.STORE, clock: systemClock, logger: silentLogger });
const worker = new SyncWorker({ outbox: store.outbox, installationId: 'crash-inst', pg: { url: process.env.PG_URL, password: 'paku-pw-1' },
  chunkReader: storeChunkReader(store.database), batchSize: 60, chunkRows: 20, idlePollMs: 10, backoff: { minMs: 20, maxMs: 100 } });
worker.onStatus((s) => { if (s.lastSyncTs) process.stdout.write('synced ' + store.outbox.syncedUpTo() + '\\n'); });
worker.start();
if (process.env.DRAIN) {
  const t = setInterval(async () => {
    if (store.outbox.unsyncedCount() === 0) { clearInterval(t); await worker.stop(); store.close(); process.exit(0); }
  }, 20);
} else {
  let i = store.count('CRASH1');
  setInterval(() => { store.insert([sampleReading('CRASH1', i++)]); worker.notify(); }, 2);
}
`;

function runChild(env: Record<string, string>): { child: ChildProcess; synced: () => number; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let syncedLines = 0;
  child.stdout?.on('data', (b: Buffer) => (syncedLines += b.toString().split('\n').filter((l) => l.startsWith('synced')).length));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, synced: () => syncedLines, exited };
}

test('SIGKILL mid-batch, five times, then restart: no duplicates, no loss', async () => {
  await server.query(`CREATE DATABASE crash OWNER paku`);
  const store = join(dir, 'crash.sqlite');
  const env = { STORE: store, PG_URL: `postgres://paku@127.0.0.1:${proxy.port}/crash` };
  for (let k = 0; k < 5; k++) {
    const run = runChild(env);
    // Let it commit a few batches, then kill it at an arbitrary moment of the next ones.
    await waitFor(() => run.synced() >= 3, 20_000, `child ${k} syncing`);
    await new Promise((r) => setTimeout(r, 37 + k * 23));
    run.child.kill('SIGKILL');
    await run.exited;
  }
  const drain = runChild({ ...env, DRAIN: '1' });
  expect(await drain.exited).toBe(0);

  const local = ReadingStore.open({ path: store, clock: systemClock, logger: silentLogger });
  const stored = local.count('CRASH1');
  expect(local.outbox.unsyncedCount()).toBe(0);
  local.close();
  expect(stored).toBeGreaterThan(100);
  const stats = await pakuRowStats((sql) => server.query(sql, [], 'crash'));
  expect(stats.get('CRASH1')).toEqual({ rows: stored, distinct: stored, minTs: Date.UTC(2026, 0, 1), maxTs: Date.UTC(2026, 0, 1) + (stored - 1) * 1000 });
});
