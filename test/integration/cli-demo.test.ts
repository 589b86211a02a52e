// `paku-ecoflow demo` and `serve --demo` as the real bin, with no keys at all:
// the built-in simulator is collected into the demo's own store (never the
// real one), which `status --demo` and `export --demo` read; serve prints its
// address first and answers with the simulator's devices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { poll, runCli, startCli, statusJson, waitForStatus, type Env } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'paku-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paku-ecoflow demo', () => {
  const env: Env = { PAKU_DATA_DIR: join(dir, 'demo') };

  it('collects the simulator without keys into its own store; SIGINT exits 0; status and export --demo read it', async () => {
    const run = startCli(['demo'], env);
    await run.waitFor(/connected to the EcoFlow broker/);
    const s = await waitForStatus(env, (x) => x.devices.length === 2 && x.devices.every((d) => d.readings >= 3 && d.state === 'live'), 20_000, 'demo readings', true);
    for (const d of s.devices) expect(d.latest).toMatchObject({ socPercent: expect.any(Number), wattsOut: expect.any(Number) });
    const stopped = await run.stop('SIGINT');
    expect(stopped.code, run.stderr()).toBe(0);
    expect(stopped.ms).toBeLessThan(5_000);
    expect(run.stderr()).toContain('demo on the built-in simulator');

    // Simulated readings never reach the real store.
    expect((await statusJson(env)).devices).toEqual([]);
    const after = await statusJson(env, true);
    const sn = after.devices[0]!.sn;
    const exported = await runCli(['export', '--demo', '--device', sn, '--format', 'json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    const readings = JSON.parse(exported.stdout) as { sn: string; ts: number }[];
    expect(readings.length).toBe(after.devices[0]!.readings);
    expect(readings.every((r, i) => r.sn === sn && (i === 0 || r.ts >= readings[i - 1]!.ts))).toBe(true);
  });

  it('status --demo before any demo ran says what to start', async () => {
    const r = await runCli(['status', '--demo', '--json'], { PAKU_DATA_DIR: join(dir, 'never') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('start "paku-ecoflow demo"');
  });
});

describe('paku-ecoflow serve --demo', () => {
  it('prints the address first, answers with the simulator devices, and SIGINT exits 0', async () => {
    const run = startCli(['serve', '--demo'], { PAKU_DATA_DIR: join(dir, 'serve') });
    await run.waitFor(/\n/, { stdoutOnly: true });
    const first = run.stdout().split('\n')[0]!;
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const { origin, searchParams } = new URL(first);
    const call = async (channel: string) => {
      const res = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${searchParams.get('token')}`, 'content-type': 'application/json' },
        body: 'null',
      });
      return (await res.json()) as { ok: boolean; value: { app: { demo: boolean }; collector: { connection: string; devices: { state: string }[] } } };
    };
    const status = await poll(() => call('status:get'), (r) => r.ok && r.value.collector.devices.length === 2 && r.value.collector.devices.every((d) => d.state === 'live'), 20_000, 'the demo devices live');
    expect(status.value.app.demo).toBe(true);
    expect(status.value.collector.connection).toBe('connected');
    const stopped = await run.stop('SIGINT');
    expect(stopped.code, run.stderr()).toBe(0);
    expect(stopped.ms).toBeLessThan(5_000);
    expect(run.stdout().trim().split('\n')).toEqual([first]);
  });
});
