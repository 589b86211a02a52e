// `paku-ecoflow collect` as a user runs it: the real bin in a child process,
// against the simulated EcoFlow cloud over real TLS (its CA trusted through
// NODE_EXTRA_CA_CERTS), syncing to a real PostgreSQL. Readings land in SQLite
// with the simulator's values and reach paku exactly once; `status --json`
// answers while collect runs; a stopped Postgres shows in words; SIGINT stops
// within 5 s and a restart drains the backlog.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { STORE_FILE_NAME } from '../../main/core/data-dir';
import { silentLogger } from '../../main/core/logger';
import { ReadingStore } from '../../main/core/store/store';
import { startPostgres, type PgServer } from '../helpers/postgres';
import { decode } from '../unit/main/core/ecoflow/fixtures/load';
import { poll, startCli, startCliWorld, statusJson, waitForStatus, type CliRun, type CliWorld, type Env } from './cli-harness';

const PG_PASSWORD = 'paku-cli-pw-7';
let server: PgServer;
let world: CliWorld;
let env: Env;
let ticker: NodeJS.Timeout | null = null;

/** The simulator moves only when the test says so, so its state can be compared with what was stored. */
const startTicking = () => (ticker ??= setInterval(() => void world.sim.tick(1000), 300));
const stopTicking = () => {
  if (ticker) clearInterval(ticker);
  ticker = null;
};

const openStore = () => ReadingStore.open({ path: join(env.PAKU_DATA_DIR!, STORE_FILE_NAME), clock: systemClock, logger: silentLogger });

/**
 * Each stored reading exactly once in paku: the per-device list of timestamps
 * is the same on both sides (two readings may share a timestamp when the SoC
 * changes within one push, so counts of distinct values would not do).
 */
async function expectPakuHoldsEachReadingOnce(): Promise<number> {
  const store = openStore();
  const local = world.sim.devices.map((d) => [d.sn, [...store.range(d.sn, 0, Date.now() + 60_000)].map((r) => r.ts)] as const);
  const unsynced = store.outbox.unsyncedCount();
  store.close();
  expect(unsynced).toBe(0);
  for (const [sn, ts] of local) {
    const rows = await server.query<{ ms: string }>(`SELECT (extract(epoch FROM ts) * 1000)::bigint AS ms FROM ecoflow_measurements WHERE device_sn = $1 ORDER BY ts`, [sn], 'paku');
    expect(rows.map((r) => Number(r.ms)), sn).toEqual(ts);
  }
  return local.reduce((n, [, ts]) => n + ts.length, 0);
}

beforeAll(async () => {
  [server, world] = await Promise.all([startPostgres({ password: 'admin-pw', roles: [{ name: 'paku', password: PG_PASSWORD }] }), startCliWorld({ autoPublish: false, seed: 3 })]);
  env = { ...world.env, PAKU_PG_URL: server.url({ user: 'paku', password: null, database: 'paku' }), PAKU_PG_PASSWORD: PG_PASSWORD };
});

afterAll(async () => {
  stopTicking();
  await world?.close();
  await server?.destroy();
});

/** Every secret the child knew must stay out of what it printed. */
function expectNoSecrets(run: CliRun): void {
  const printed = run.stdout() + run.stderr();
  for (const secret of [world.sim.secretKey, PG_PASSWORD]) expect(printed).not.toContain(secret);
}

describe('paku-ecoflow collect', () => {
  let run: CliRun;

  it('stores readings with the simulator values, answers status --json, and syncs each reading to paku once', async () => {
    run = startCli(['collect'], env);
    await run.waitFor(/connected to the EcoFlow broker/);
    startTicking();
    const status = await waitForStatus(
      env,
      (s) => s.devices.length === 2 && s.devices.every((d) => d.readings >= 3 && d.state === 'live'),
      20_000,
      'both devices live with readings',
    );
    expect(Object.keys(status).sort()).toEqual(['collecting', 'collectorSeenTs', 'devices', 'lastSyncError', 'notCollecting', 'oldestUnsyncedTs', 'unsynced']);
    expect(status).toMatchObject({ collecting: true, notCollecting: null, lastSyncError: null });
    expect(typeof status.unsynced).toBe('number');
    for (const d of status.devices) {
      const sim = world.sim.devices.find((x) => x.sn === d.sn)!;
      expect(d).toMatchObject({ sn: sim.sn, name: sim.deviceName, online: true, state: 'live' });
      expect(d.model).toBeTruthy();
      expect(d.latest).toMatchObject({ ts: expect.any(Number), socPercent: expect.any(Number), wattsIn: expect.any(Number), wattsOut: expect.any(Number) });
      expect(Math.abs(d.latest!.ts - Date.now())).toBeLessThan(10_000);
    }
    expect(status.devices.find((d) => d.sn === world.sim.devices[0]!.sn)?.latest).toHaveProperty('solarWatts');

    // Hold the simulator still after one more step: the stored latest reading must be its state, decoded.
    stopTicking();
    await world.sim.tick(20 * 60_000);
    const store = openStore();
    try {
      for (const d of world.sim.devices) {
        const expected = (ts: number) => ({ ...decode(d.family, Object.assign(Object.create(null), world.sim.quota(d.sn)), d.sn, ts) });
        const stored = await poll(
          async () => {
            const r = store.latest(d.sn);
            if (!r) return null;
            const { id: _id, ...reading } = r;
            return reading;
          },
          (r) => r !== null && JSON.stringify(r) === JSON.stringify(expected(r.ts)),
          5_000,
          `${d.family} stored with the simulator state`,
        );
        expect(stored).toEqual(expected(stored!.ts));
      }
    } finally {
      store.close();
    }

    // Everything stored reaches paku, once.
    await waitForStatus(env, (s) => s.unsynced === 0, 15_000, 'the outbox drained');
    expect(await expectPakuHoldsEachReadingOnce()).toBeGreaterThanOrEqual(6);
    const local = openStore();
    const latestPro = local.latest(world.sim.devices[0]!.sn)!;
    local.close();
    const [row] = await server.query<{ soc_percent: number; bms_vol: string }>(
      `SELECT soc_percent, bms_vol FROM ecoflow_measurements WHERE device_sn = $1 ORDER BY id DESC LIMIT 1`,
      [latestPro.sn],
      'paku',
    );
    expect(row?.soc_percent).toBe(latestPro.socPercent);
    expect(Number(row?.bms_vol)).toBeCloseTo(latestPro.batteryVolts! * 1000, 6);
    expectNoSecrets(run);
  });

  it('Postgres stopped: status --json says why in words; SIGINT exits 0 within 5 s; a restart drains the backlog once', async () => {
    startTicking();
    await server.stop();
    const failing = await waitForStatus(env, (s) => s.lastSyncError !== null && s.unsynced >= 4, 30_000, 'a sync error and a backlog');
    expect(failing.lastSyncError).toMatch(/unreachable|refused|connect/i);
    expect(failing.lastSyncError).not.toContain(PG_PASSWORD);

    const stopped = await run.stop('SIGINT');
    stopTicking();
    expect(stopped.code, run.stderr()).toBe(0);
    expect(stopped.ms).toBeLessThan(5_000);
    expectNoSecrets(run);
    const store = openStore();
    const storedBefore = store.count();
    const backlog = store.outbox.unsyncedCount();
    store.close();
    expect(backlog).toBeGreaterThanOrEqual(4);
    // Stopped: the backlog stays visible, device states are not claimed any more.
    const after = await statusJson(env);
    expect(after).toMatchObject({ unsynced: backlog, collecting: false, notCollecting: expect.stringMatching(/^the collector stopped at /) });
    expect(after.devices.map((d) => [d.state, d.online])).toEqual(world.sim.devices.map(() => ['unknown', null]));

    await server.start();
    run = startCli(['collect'], env);
    await run.waitFor(/connected to the EcoFlow broker/);
    await waitForStatus(env, (s) => s.unsynced === 0 && s.lastSyncError === null, 20_000, 'the backlog drained after the restart');
    const second = await run.stop('SIGINT');
    expect(second.code, run.stderr()).toBe(0);
    expectNoSecrets(run);

    expect(await expectPakuHoldsEachReadingOnce()).toBeGreaterThanOrEqual(storedBefore);
  });
});
