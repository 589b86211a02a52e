// What `paku-ecoflow collect` says when it cannot work, as the real bin in a
// child process against the simulated cloud: wrong keys stop it with exit 1
// and the fix in words (never the secret), missing keys exit 2 naming the
// variables, and a secrets file others can read is refused with the chmod fix;
// a 0600 one is used. A second collect on the same data folder is refused.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, startCliWorld, type CliWorld, type Env } from './cli-harness';

let world: CliWorld;
let env: Env;

beforeAll(async () => {
  world = await startCliWorld({ autoPublish: false });
  env = world.env;
});
afterAll(() => world?.close());

const without = (e: Env, ...names: string[]): Env => Object.fromEntries(Object.entries(e).filter(([k]) => !names.includes(k)));

describe('paku-ecoflow collect refuses to run, in words', () => {
  it('a wrong secret key: exit 1, says to check the secret key, never prints it', async () => {
    const wrong = 'wrongSecretKeyNeverPrinted0042';
    const r = await runCli(['collect'], { ...env, ECOFLOW_SECRET_KEY: wrong });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/paku-ecoflow: .*signature.*check the secret key/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    expect(r.stdout + r.stderr).not.toContain(world.sim.secretKey);
  });

  it('a wrong access key: exit 1, names the host tried and the regions', async () => {
    const r = await runCli(['collect'], { ...env, ECOFLOW_ACCESS_KEY: 'someoneElsesAccessKey' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/paku-ecoflow: .*access key.*127\.0\.0\.1.*api-e\.ecoflow\.com.*api-a\.ecoflow\.com/);
    expect(r.stdout + r.stderr).not.toContain(world.sim.secretKey);
  });

  it('no keys: exit 2, says which variables to set', async () => {
    const none = await runCli(['collect'], without(env, 'ECOFLOW_ACCESS_KEY', 'ECOFLOW_SECRET_KEY'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Set ECOFLOW_ACCESS_KEY and ECOFLOW_SECRET_KEY');
    expect(none.stderr).toContain('paku-ecoflow demo');
    const half = await runCli(['collect'], without(env, 'ECOFLOW_SECRET_KEY'));
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/Set ECOFLOW_SECRET_KEY \(/);
  });

  it('bad settings: exit 2 with what is wrong', async () => {
    const r = await runCli(['collect'], { ...env, PAKU_SAMPLE_SECONDS: 'often' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PAKU_SAMPLE_SECONDS must be a whole number of seconds between 1 and 3600 (got "often")');
    const u = await runCli(['collect', '--bogus'], env);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("Unknown option '--bogus'");
    const file = join(world.dir, 'not-a-folder');
    writeFileSync(file, '');
    const d = await runCli(['collect', '--data-dir', join(file, 'data')], env);
    expect(d.code).toBe(2);
    expect(d.stderr).toBe(`paku-ecoflow: The data folder ${join(file, 'data')} cannot be created (a file is in the way): pick another one (PAKU_DATA_DIR or --data-dir for the command line) or fix its permissions.\n`);
  });
});

describe('secrets file', () => {
  const keys = () => `# EcoFlow developer keys\nECOFLOW_ACCESS_KEY=${world.sim.accessKey}\nECOFLOW_SECRET_KEY="${world.sim.secretKey}"\n`;
  const keyless = () => without(env, 'ECOFLOW_ACCESS_KEY', 'ECOFLOW_SECRET_KEY');

  it('readable by others: refused with the chmod fix (exit 2), the keys not printed', async () => {
    const file = join(world.dir, 'open-secrets.env');
    writeFileSync(file, keys());
    chmodSync(file, 0o644);
    const r = await runCli(['collect', '--secrets-file', file], keyless());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Secrets file ${file} is readable by others: run "chmod 600 ${file}".`);
    expect(r.stdout + r.stderr).not.toContain(world.sim.secretKey);
  });

  it('missing: says so (exit 2)', async () => {
    const file = join(world.dir, 'nowhere.env');
    const r = await runCli(['collect', '--secrets-file', file], keyless());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Secrets file ${file} does not exist.`);
  });

  it('mode 0600: its keys are used (collect connects, SIGTERM exits 0); a second collect on the folder is refused', async () => {
    const file = join(world.dir, 'secrets.env');
    writeFileSync(file, keys(), { mode: 0o600 });
    const run = startCli(['collect', '--secrets-file', file], keyless());
    await run.waitFor(/connected to the EcoFlow broker/);

    // It would share the MQTT client id and the sync installation id.
    const second = await runCli(['collect'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`paku-ecoflow: Another paku-ecoflow (paku-ecoflow collect or serve, pid ${run.child.pid}`);
    expect(second.stderr).toContain(`is collecting into ${env.PAKU_DATA_DIR}: stop it first`);
    expect(world.sim.clientIdsSeen()).toHaveLength(1);

    const { code } = await run.stop('SIGTERM');
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout() + run.stderr()).not.toContain(world.sim.secretKey);
    expect(existsSync(join(env.PAKU_DATA_DIR!, 'collector.lock'))).toBe(false);
  });
});
