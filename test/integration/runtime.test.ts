// The runtime as the faces use it, in process, over real parts: the simulated
// EcoFlow cloud over TLS, a real SQLite store and a real PostgreSQL. Settings
// changes through service['settings:update'] rebuild what they touch: keys
// added later start the collector, a new Postgres password or URL replaces the
// sync worker and rows flow (each reading once); close() stores what the
// sampler still held. A runtime in the demo from the start leaves the real
// store (which a `collect` may be writing) alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../common/reading';
import { SettingsSchema } from '../../common/settings';
import { systemClock } from '../../main/core/clock';
import { STORE_FILE_NAME } from '../../main/core/data-dir';
import { createLogger, Redactor, silentLogger } from '../../main/core/logger';
import { createRuntime, type Runtime } from '../../main/core/runtime';
import { MemorySecretBox } from '../../main/core/settings/secret-box';
import { memorySettingsStore } from '../../main/core/settings/settings-store';
import { readStatusSnapshot, writeStatusSnapshot, type StatusSnapshot } from '../../main/core/runtime/status-snapshot';
import { startCloudSim, type CloudSim } from '../../main/core/simulator/cloud-sim';
import { ReadingStore } from '../../main/core/store/store';
import { startPostgres, type PgServer } from '../helpers/postgres';
import { waitFor } from '../helpers/sync-fixtures';

const PG_PASSWORD = 'runtime-paku-pw-3';
const dir = mkdtempSync(join(tmpdir(), 'paku-runtime-'));
const logLines: string[] = [];
let server: PgServer;
let sim: CloudSim;
let rt: Runtime;
let ticker: NodeJS.Timeout | null = null;

beforeAll(async () => {
  [server, sim] = await Promise.all([startPostgres({ password: 'admin-pw', roles: [{ name: 'paku', password: PG_PASSWORD }] }), startCloudSim({ autoPublish: false, seed: 11 })]);
  await server.query('CREATE DATABASE paku2 OWNER paku');
  const redactor = new Redactor();
  const logger = createLogger({ sink: (l) => logLines.push(l), level: 'debug', redactor });
  rt = await createRuntime({
    face: 'http',
    app: { name: 'paku-ecoflow', version: '0.0.0-test' },
    dataDir: dir,
    settings: memorySettingsStore(SettingsSchema.parse({ ecoflow: { region: 'custom', customUrl: sim.restUrl }, sampleSeconds: 1 }), silentLogger),
    secrets: new MemorySecretBox({ redactor }),
    redactor,
    logger,
    clock: systemClock,
    demo: false,
    ecoflowCa: sim.caPem,
  });
  ticker = setInterval(() => void sim.tick(1000), 250);
});

afterAll(async () => {
  if (ticker) clearInterval(ticker);
  await rt?.close();
  await sim?.stop();
  await server?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const status = async () => {
  const s = await rt.service['status:get']();
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
};
const update = async (patch: Parameters<Runtime['service']['settings:update']>[0]) => {
  const r = await rt.service['settings:update'](patch);
  expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
};
const pgUrl = (database: string) => server.url({ user: 'paku', password: null, database });
/** Each paku row as sn@ts, in the order written ([] before the worker created the table). */
const pakuTs = async (database: string) => {
  const [t] = await server.query<{ present: boolean }>(`SELECT to_regclass('ecoflow_measurements') IS NOT NULL AS present`, [], database);
  if (!t?.present) return [];
  const rows = await server.query<{ device_sn: string; ms: string }>(`SELECT device_sn, (extract(epoch FROM ts) * 1000)::bigint AS ms FROM ecoflow_measurements ORDER BY id`, [], database);
  return rows.map((r) => `${r.device_sn}@${r.ms}`);
};
/** Each stored reading as sn@ts, in local id order (the order the sync writes). */
const localTs = () => {
  const out: string[] = [];
  for (const d of sim.devices) for (const r of rt.store.range(d.sn, 0, Date.now() + 60_000)) out.push(`${r.sn}@${r.ts}#${r.id}`);
  return out.sort((a, b) => Number(a.split('#')[1]) - Number(b.split('#')[1])).map((k) => k.split('#')[0]!);
};

describe('runtime', () => {
  it('without keys the collector waits, saying what to add; keys added later start it and readings are stored', async () => {
    expect((await status()).collector).toMatchObject({ connection: 'not-configured', lastError: { message: expect.stringContaining('access and secret key') } });
    expect((await status()).sync).toMatchObject({ configured: false });
    await update({ secrets: { ecoflowAccessKey: sim.accessKey, ecoflowSecretKey: sim.secretKey } });
    await waitFor(async () => (await status()).collector.connection === 'connected', 15_000, 'the collector connected');
    await waitFor(() => sim.devices.every((d) => rt.store.count(d.sn) >= 3), 15_000, 'readings stored for each device');
    expect((await status()).collector.devices.map((d) => d.sn).sort()).toEqual(sim.devices.map((d) => d.sn).sort());
  });

  it('a Postgres URL with a wrong password: the error in words; the right password rebuilds the sync worker and every reading arrives once', async () => {
    await update({ postgres: { url: pgUrl('paku'), sslmode: 'disable' }, secrets: { postgresPassword: 'not-the-password' } });
    await waitFor(async () => /password authentication failed for user paku/.test((await status()).sync?.lastError?.message ?? ''), 15_000, 'the password error');
    expect((await status()).sync).toMatchObject({ configured: true, connected: false });
    expect(await server.query(`SELECT 1 FROM pg_tables WHERE tablename = 'ecoflow_measurements'`, [], 'paku')).toEqual([]);

    await update({ secrets: { postgresPassword: PG_PASSWORD } });
    await waitFor(async () => (await status()).sync?.connected === true, 15_000, 'sync connected');
    await waitFor(async () => (await pakuTs('paku')).length >= 6, 15_000, 'rows in paku');
    await waitFor(async () => (await status()).sync?.unsynced === 0, 15_000, 'nothing unsynced');
    expect((await status()).sync?.lastError).toBeNull();
    const local = localTs();
    const paku = await pakuTs('paku');
    expect(paku).toEqual(local.slice(0, paku.length));
    expect(paku.length).toBeGreaterThanOrEqual(local.length - 2); // a reading may have been stored after the drain
  });

  it('a new Postgres URL: the worker moves to the other database; across both each reading lands once', async () => {
    await update({ postgres: { url: pgUrl('paku2') } });
    await waitFor(async () => (await pakuTs('paku2')).length >= 4, 20_000, 'rows in the second database');
    await waitFor(async () => (await status()).sync?.unsynced === 0, 15_000, 'nothing unsynced');
    // Freeze collection to compare: nothing new is stored while the simulator stands still.
    if (ticker) clearInterval(ticker);
    ticker = null;
    await new Promise((r) => setTimeout(r, 1500));
    await waitFor(async () => (await status()).sync?.unsynced === 0, 15_000, 'nothing unsynced');
    const [first, second] = [await pakuTs('paku'), await pakuTs('paku2')];
    expect([...first, ...second]).toEqual(localTs());
    expect((await status()).sync?.target).toContain('/paku2');
  });

  it('no secret appears in the log', () => {
    const log = logLines.join('\n');
    for (const secret of [sim.secretKey, PG_PASSWORD, 'not-the-password']) expect(log).not.toContain(secret);
    expect(log).toContain('connected to paku');
  });

  it('close() stores what the sampler still held', async () => {
    // A long interval: readings between samples wait in the sampler.
    await update({ sampleSeconds: 3600 });
    await waitFor(async () => (await status()).collector.connection === 'connected', 15_000, 'the rebuilt collector connected');
    const offered = new Map<string, Reading>();
    rt.collector.current!.onReading((r) => offered.set(r.sn, r));
    await waitFor(() => sim.devices.every((d) => rt.store.count(d.sn) > 0), 10_000, 'the first sample of the rebuilt collector');
    for (let i = 0; i < 3; i++) await sim.tick(1000);
    await waitFor(() => offered.size === sim.devices.length, 10_000, 'readings offered');
    await new Promise((r) => setTimeout(r, 300));
    const pendingSomewhere = sim.devices.some((d) => rt.store.latest(d.sn)?.ts !== offered.get(d.sn)?.ts);
    expect(pendingSomewhere).toBe(true);
    await rt.close();
    const reopened = ReadingStore.open({ path: join(dir, STORE_FILE_NAME), clock: systemClock, logger: silentLogger });
    try {
      for (const d of sim.devices) {
        const { id: _id, ...stored } = reopened.latest(d.sn)!;
        expect(stored, d.family).toEqual(offered.get(d.sn));
      }
    } finally {
      reopened.close();
    }
  });
});

describe('runtime in the demo from the start', () => {
  it('collects the simulator into its own store and leaves the real store and its status summary alone', async () => {
    const demoDir = join(dir, 'demo-from-start');
    const realPath = join(demoDir, STORE_FILE_NAME);
    // What a `collect` running on the same folder would have written.
    const theirs: StatusSnapshot = { ts: 1, connection: 'connected', devices: [{ sn: 'REAL1', online: true, state: 'live', reason: 'data arriving' }], lastSyncError: null };
    const real = ReadingStore.open({ path: realPath, clock: systemClock, logger: silentLogger });
    writeStatusSnapshot(real.kv, theirs);
    real.close();

    const redactor = new Redactor();
    const demo = await createRuntime({
      face: 'http',
      app: { name: 'paku-ecoflow', version: '0.0.0-test' },
      dataDir: demoDir,
      settings: memorySettingsStore(SettingsSchema.parse({}), silentLogger),
      secrets: new MemorySecretBox({ redactor }),
      redactor,
      logger: silentLogger,
      clock: systemClock,
      demo: true,
    });
    try {
      await waitFor(
        async () => {
          const s = await demo.service['status:get']();
          return s.ok && s.value.app.demo && s.value.collector.devices.length === 2 && s.value.collector.devices.every((d) => d.latest !== null);
        },
        20_000,
        'the demo devices',
      );
    } finally {
      await demo.close();
    }
    const after = ReadingStore.open({ path: realPath, clock: systemClock, logger: silentLogger });
    try {
      expect(readStatusSnapshot(after.kv)).toEqual(theirs);
      expect(after.count()).toBe(0);
    } finally {
      after.close();
    }
  });
});
