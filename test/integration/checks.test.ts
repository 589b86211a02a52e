// The connection checks of `doctor` and the settings "Test" buttons against
// real servers: the simulated EcoFlow cloud over TLS (REST + MQTT, a second
// simulator playing the other region) and a real PostgreSQL. Every failure
// has its code and a fix in words; no secret appears anywhere.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../common/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../common/settings';
import { checkEcoflow, doctorClientId, type EcoflowCheckOptions } from '../../main/core/checks/ecoflow-checks';
import { checkPostgres } from '../../main/core/checks/postgres-checks';
import { createTesters } from '../../main/core/checks/testers';
import { ManualClock, systemClock } from '../../main/core/clock';
import type { RegionHosts } from '../../main/core/ecoflow/region-probe';
import { silentLogger } from '../../main/core/logger';
import type { SecretValues } from '../../main/core/settings/secret-box';
import { startCloudSim, type CloudSim } from '../../main/core/simulator/cloud-sim';
import { createTableSql } from '../../main/core/sync/paku-mapping';
import { startPostgres, type PgServer } from '../helpers/postgres';

const PG_PASSWORD = 'paku-right-password';
let sim: CloudSim;
let otherRegion: CloudSim;
let hosts: RegionHosts;
let pgServer: PgServer;
let dir: string;

beforeAll(async () => {
  [sim, pgServer] = await Promise.all([
    startCloudSim({ seed: 5, autoPublish: false, devices: ['delta-pro', { family: 'delta-2', allowed: false }] }),
    startPostgres({ password: 'admin-password', roles: [{ name: 'paku', password: PG_PASSWORD }] }),
  ]);
  // The same keys asked on the wrong regional host: 8513 for everything.
  otherRegion = await startCloudSim({ seed: 5, autoPublish: false, rejectAccessKey: true, accessKey: sim.accessKey, secretKey: sim.secretKey });
  hosts = { eu: { url: sim.restUrl, ca: sim.caPem }, us: { url: otherRegion.restUrl, ca: otherRegion.caPem } };
  dir = mkdtempSync(join(tmpdir(), 'paku-checks-'));
});

afterAll(async () => {
  await Promise.all([sim?.stop(), otherRegion?.stop(), pgServer?.destroy()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ecoflow = (over: Partial<EcoflowCheckOptions> = {}): Promise<ConnectionTestResult> =>
  checkEcoflow({ baseUrl: sim.restUrl, ca: sim.caPem, keys: { accessKey: sim.accessKey, secretKey: sim.secretKey }, hosts, clock: systemClock, logger: silentLogger, ...over });

const check = (r: ConnectionTestResult, name: string) => {
  const c = r.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name} in ${r.checks.map((x) => x.name).join(', ')}`);
  return c;
};

function expectNoSecret(r: unknown, ...secrets: string[]): void {
  const text = JSON.stringify(r);
  for (const s of secrets) expect(text).not.toContain(s);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const pgUrl = (database = 'paku') => pgServer.url({ user: 'paku', password: null, database });
const deltaPro = (): string => sim.devices[0]!.sn;
const deltaTwo = (): string => sim.devices[1]!.sn;

describe('EcoFlow checks', () => {
  it('all good: clock, keys, MQTT login, devices, quota; doctor reuses one MQTT client id and disconnects', async () => {
    const r = await ecoflow({ devices: [deltaPro()] });
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['clock', true],
      ['keys', true],
      ['mqtt', true],
      ['devices', true],
      [`device ${deltaPro()}`, true],
    ]);
    expect(r.ok).toBe(true);
    expect(r.checks.every((c) => c.fix === null && c.code === null)).toBe(true);
    expect(check(r, 'keys').message).toContain('Europe');
    expect(check(r, 'devices').message).toContain(deltaTwo());
    await ecoflow({ devices: [deltaPro()] });
    expect(sim.clientIdsSeen()).toEqual([doctorClientId(sim.accessKey)]);
    expect(sim.connectedClients()).toBe(0);
    expectNoSecret(r, sim.secretKey, sim.accessKey, sim.certificatePassword);
  });

  it('a model not opened to the developer API (1006) fails its own check with the fix; the others pass', async () => {
    const r = await ecoflow();
    expect(r.ok).toBe(false);
    expect(check(r, `device ${deltaPro()}`).ok).toBe(true);
    expect(check(r, `device ${deltaTwo()}`)).toMatchObject({
      ok: false,
      code: 'ecoflow-model-not-allowed',
      message: expect.stringContaining('not opened to the developer API'),
      fix: expect.stringMatching(/.{20,}/),
    });
  });

  it('keys of the other region: says they belong to Europe and to switch; stops before MQTT', async () => {
    const r = await ecoflow({ baseUrl: otherRegion.restUrl, ca: otherRegion.caPem });
    expect(r.checks.map((c) => c.name)).toEqual(['clock', 'keys']);
    expect(check(r, 'keys')).toMatchObject({ ok: false, code: 'ecoflow-wrong-region', message: expect.stringContaining('Europe'), fix: 'Switch the region to Europe and test again.' });
  });

  it('a wrong access key: bad key on every host, with where to copy it from', async () => {
    const r = await ecoflow({ keys: { accessKey: 'SomeoneElsesAccessKey0123', secretKey: sim.secretKey } });
    expect(check(r, 'keys')).toMatchObject({ ok: false, code: 'ecoflow-bad-key', message: expect.stringMatching(/access key/i), fix: expect.stringContaining('developer portal') });
    expectNoSecret(r, 'SomeoneElsesAccessKey0123', sim.secretKey);
  });

  it('a wrong secret key: the signature is refused, "paste the secret key again"', async () => {
    const r = await ecoflow({ keys: { accessKey: sim.accessKey, secretKey: 'NotTheSecretKey0123456789' } });
    expect(check(r, 'keys')).toMatchObject({ ok: false, code: 'ecoflow-bad-signature', fix: expect.stringContaining('secret key') });
    expectNoSecret(r, 'NotTheSecretKey0123456789', sim.accessKey);
  });

  it('a clock 2 minutes ahead fails with the seconds and the fix; the keys are still checked with the server time', async () => {
    const r = await ecoflow({ clock: new ManualClock(Date.now() + 120_000), devices: [deltaPro()] });
    expect(check(r, 'clock')).toMatchObject({ ok: false, code: 'clock-skew', message: expect.stringMatching(/off by 1(19|20|21) s \(ahead/), fix: expect.stringContaining('Sync the system clock') });
    expect(check(r, 'keys').ok).toBe(true);
    expect(r.ok).toBe(false);
    const behind = await ecoflow({ clock: new ManualClock(Date.now() - 90_000), devices: [deltaPro()] });
    expect(check(behind, 'clock').message).toMatch(/off by (89|90|91) s \(behind/);
  });

  it('missing keys: one failed check naming what to set', async () => {
    const r = await ecoflow({ keys: { accessKey: sim.accessKey, secretKey: null } });
    expect(r.checks).toEqual([{ name: 'keys', ok: false, code: 'not-configured', message: expect.stringContaining('the secret key is not set'), fix: expect.stringContaining('developer portal') }]);
    const none = await ecoflow({ keys: null, wording: { accessKey: 'ECOFLOW_ACCESS_KEY', secretKey: 'ECOFLOW_SECRET_KEY', switchRegion: () => '', devices: '' } });
    expect(none.checks[0]!.message).toContain('ECOFLOW_ACCESS_KEY and ECOFLOW_SECRET_KEY are not set');
  });

  it('an unreachable host and an untrusted certificate end the list at the first check', async () => {
    const refused = await ecoflow({ baseUrl: `https://127.0.0.1:${await closedPort()}` });
    expect(refused.checks).toEqual([expect.objectContaining({ name: 'connection', ok: false, code: 'network', message: expect.stringContaining('refused') })]);
    const untrusted = await checkEcoflow({ baseUrl: sim.restUrl, keys: { accessKey: sim.accessKey, secretKey: sim.secretKey }, clock: systemClock, logger: silentLogger });
    expect(untrusted.checks).toEqual([expect.objectContaining({ name: 'connection', ok: false, code: 'tls', fix: expect.stringContaining('NODE_EXTRA_CA_CERTS') })]);
  });

  it('a watched serial that is not on the account fails the devices check', async () => {
    const r = await ecoflow({ devices: [deltaPro(), 'NOTONACCOUNT01'] });
    expect(check(r, 'devices')).toMatchObject({ ok: false, code: 'not-found', message: expect.stringContaining('NOTONACCOUNT01 is not on this account') });
    expect(check(r, 'device NOTONACCOUNT01').ok).toBe(false);
  });

  it('an MQTT login the broker refuses (client-id limit) is mqtt-auth with the fix', async () => {
    const strict = await startCloudSim({ seed: 6, autoPublish: false, maxClientIds: 0 });
    try {
      const r = await checkEcoflow({ baseUrl: strict.restUrl, ca: strict.caPem, keys: { accessKey: strict.accessKey, secretKey: strict.secretKey }, clock: systemClock, logger: silentLogger, devices: [strict.devices[0]!.sn] });
      expect(check(r, 'mqtt')).toMatchObject({ ok: false, code: 'mqtt-auth', fix: expect.stringContaining('10 MQTT client ids') });
      expect(check(r, 'devices').ok).toBe(true);
      expectNoSecret(r, strict.certificatePassword);
    } finally {
      await strict.stop();
    }
  });
});

describe('Postgres checks', () => {

  it('right password, no table yet: logs in, the table will be created, may write', async () => {
    const r = await checkPostgres({ url: pgUrl(), password: PG_PASSWORD }, silentLogger);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['postgres', true],
      ['table', true],
      ['write', true],
    ]);
    expect(check(r, 'table').message).toContain('will create it');
    expectNoSecret(r, PG_PASSWORD);
  });

  it('a refused password is pg-auth and never shown, from the settings or the URL', async () => {
    for (const settings of [{ url: pgUrl(), password: 'wrong-password-1' }, { url: pgServer.url({ user: 'paku', password: 'wrong-password-2', database: 'paku' }) }]) {
      const r = await checkPostgres(settings, silentLogger);
      expect(r.checks).toEqual([expect.objectContaining({ name: 'postgres', ok: false, code: 'pg-auth', message: expect.stringContaining('password'), fix: expect.stringContaining('password') })]);
      expectNoSecret(r, 'wrong-password-1', 'wrong-password-2');
    }
  });

  it('an unreachable port is pg-unreachable; a malformed URL is bad-request', async () => {
    const r = await checkPostgres({ url: `postgres://paku@127.0.0.1:${await closedPort()}/paku`, password: PG_PASSWORD }, silentLogger);
    expect(r.checks).toEqual([expect.objectContaining({ name: 'postgres', ok: false, code: 'pg-unreachable', fix: expect.stringContaining('host and port') })]);
    const bad = await checkPostgres({ url: 'mysql://x@y/z' }, silentLogger);
    expect(bad.checks[0]).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('a table the user cannot see into, or without a required column, is pg-schema', async () => {
    await pgServer.query('CREATE DATABASE broken OWNER paku');
    await pgServer.query('CREATE TABLE ecoflow_measurements (id BIGSERIAL PRIMARY KEY, ts TIMESTAMPTZ NOT NULL)', [], 'broken');
    // Owned by another role, without grants: its columns are invisible to paku, but the table is there.
    let r = await checkPostgres({ url: pgUrl('broken'), password: PG_PASSWORD }, silentLogger);
    expect(check(r, 'table')).toMatchObject({ ok: false, code: 'pg-schema', message: 'Table ecoflow_measurements exists, but user paku has no rights on it.' });
    await pgServer.query('GRANT SELECT, INSERT ON ecoflow_measurements TO paku', [], 'broken');
    r = await checkPostgres({ url: pgUrl('broken'), password: PG_PASSWORD }, silentLogger);
    expect(check(r, 'table')).toMatchObject({ ok: false, code: 'pg-schema', message: expect.stringContaining('no column device_sn') });
  });

  it('missing rights are named with the GRANT to ask for, until they are granted', async () => {
    await pgServer.query('CREATE DATABASE locked');
    // No table, and no CREATE on public (PostgreSQL 15+: only the database owner has it).
    let r = await checkPostgres({ url: pgUrl('locked'), password: PG_PASSWORD }, silentLogger);
    expect(check(r, 'write')).toMatchObject({ ok: false, code: 'pg-schema', message: expect.stringContaining('CREATE on schema public') });
    for (const sql of createTableSql()) await pgServer.query(sql, [], 'locked');
    await pgServer.query('CREATE TABLE paku_ecoflow_sync (installation_id TEXT PRIMARY KEY, last_local_id BIGINT NOT NULL DEFAULT 0)', [], 'locked');
    r = await checkPostgres({ url: pgUrl('locked'), password: PG_PASSWORD }, silentLogger);
    expect(check(r, 'table').message).toContain('no rights on it');
    expect(check(r, 'write').message).toMatch(/INSERT on ecoflow_measurements; USAGE on the id sequence of ecoflow_measurements; SELECT, INSERT, UPDATE on paku_ecoflow_sync/);
    await pgServer.query('GRANT INSERT ON ecoflow_measurements TO paku; GRANT USAGE ON SEQUENCE ecoflow_measurements_id_seq TO paku; GRANT SELECT, INSERT, UPDATE ON paku_ecoflow_sync TO paku', [], 'locked');
    r = await checkPostgres({ url: pgUrl('locked'), password: PG_PASSWORD }, silentLogger);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['postgres', true],
      ['table', true],
      ['write', true],
    ]);
  });
});

describe('Test buttons (createTesters)', () => {
  const secrets = (over: Partial<SecretValues> = {}): SecretValues => ({
    ecoflowAccessKey: sim.accessKey,
    ecoflowSecretKey: sim.secretKey,
    postgresPassword: PG_PASSWORD,
    republishPassword: null,
    ...over,
  });
  const settings = (over: { ecoflow?: Partial<Settings['ecoflow']>; postgres?: Partial<Settings['postgres']> }): Settings => ({
    ...DEFAULT_SETTINGS,
    ecoflow: { ...DEFAULT_SETTINGS.ecoflow, devices: [deltaPro()], ...over.ecoflow },
    postgres: { ...DEFAULT_SETTINGS.postgres, ...over.postgres },
  });
  const testers = () => createTesters({ clock: systemClock, logger: silentLogger, hosts });

  it('region Europe works; region Americas with the same keys names Europe', async () => {
    expect((await testers().testEcoflow(settings({ ecoflow: { region: 'eu' } }), secrets())).ok).toBe(true);
    const r = await testers().testEcoflow(settings({ ecoflow: { region: 'us' } }), secrets());
    expect(check(r, 'keys')).toMatchObject({ code: 'ecoflow-wrong-region', message: expect.stringContaining('Europe') });
  });

  it('a custom region without a URL, and no Postgres URL, say what to fill in', async () => {
    const eco = await testers().testEcoflow(settings({ ecoflow: { region: 'custom', customUrl: null } }), secrets());
    expect(eco.checks).toEqual([expect.objectContaining({ ok: false, code: 'not-configured' })]);
    const pg = await testers().testPostgres(settings({}), secrets());
    expect(pg.checks).toEqual([expect.objectContaining({ name: 'postgres', ok: false, code: 'not-configured' })]);
  });

  it('Postgres: the password comes from the secrets; a wrong one is pg-auth', async () => {
    const s = settings({ postgres: { url: pgUrl(), sslmode: 'disable' } });
    expect((await testers().testPostgres(s, secrets())).ok).toBe(true);
    const r = await testers().testPostgres(s, secrets({ postgresPassword: 'not-the-password' }));
    expect(check(r, 'postgres').code).toBe('pg-auth');
  });
});

describe('paku-ecoflow doctor (the bin, against the simulator)', () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'paku-ecoflow.js');
  const run = (env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ECOFLOW_|PAKU_)/.test(k)));
      execFile(process.execPath, [bin, 'doctor'], { env: { ...clean, ...env }, timeout: 60_000 }, (e, stdout, stderr) => {
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr });
      });
    });

  it('exit 0 with one ok line per check; exit 1 with FAIL and Fix lines; no secret in any output', async () => {
    const caFile = join(dir, 'sim-ca.pem');
    writeFileSync(caFile, sim.caPem);
    const base = { ECOFLOW_API_URL: sim.restUrl, NODE_EXTRA_CA_CERTS: caFile, ECOFLOW_ACCESS_KEY: sim.accessKey, ECOFLOW_DEVICES: deltaPro() };
    const good = await run({ ...base, ECOFLOW_SECRET_KEY: sim.secretKey, PAKU_PG_URL: pgUrl(), PAKU_PG_PASSWORD: PG_PASSWORD });
    expect(good.code, good.stdout + good.stderr).toBe(0);
    const lines = good.stdout.trim().split('\n');
    expect(lines.map((l) => /^(ok  |FAIL) ([^:]+):/.exec(l)?.slice(1))).toEqual([
      ['ok  ', 'clock'],
      ['ok  ', 'keys'],
      ['ok  ', 'mqtt'],
      ['ok  ', 'devices'],
      ['ok  ', `device ${deltaPro()}`],
      ['ok  ', 'postgres'],
      ['ok  ', 'postgres table'],
      ['ok  ', 'postgres write'],
    ]);

    const bad = await run({ ...base, ECOFLOW_SECRET_KEY: 'WrongSecretKey0123456789', PAKU_PG_URL: pgUrl(), PAKU_PG_PASSWORD: 'wrong-pg-password' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL keys: .*secret key.* Fix: Paste the secret key again/m);
    expect(bad.stdout).toMatch(/^FAIL postgres: password authentication failed .* Fix: /m);
    for (const out of [good.stdout, good.stderr, bad.stdout, bad.stderr]) {
      for (const secret of [sim.secretKey, sim.accessKey, 'WrongSecretKey0123456789', PG_PASSWORD, 'wrong-pg-password', sim.certificatePassword]) expect(out).not.toContain(secret);
    }
  });

  it('no keys: exit 1 naming the environment variables to set', async () => {
    const r = await run({ ECOFLOW_API_URL: sim.restUrl });
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toMatch(/^FAIL keys: No EcoFlow keys to test: ECOFLOW_ACCESS_KEY and ECOFLOW_SECRET_KEY are not set\. Fix: Set /);
  });
});
