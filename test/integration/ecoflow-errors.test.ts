// What a person sees when something is wrong, against the simulated cloud over
// real TLS: wrong secret, wrong key, wrong region, clock skew, a model not
// opened to the API (1006), network and certificate failures, a device going offline.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { Collector, type CollectorOptions } from '../../main/core/ecoflow/collector';
import { diagnoseRegion } from '../../main/core/ecoflow/region-probe';
import { silentLogger } from '../../main/core/logger';
import { startCloudSim, type CloudSim } from '../../main/core/simulator/cloud-sim';

const clock = new ManualClock(Date.now());
let sim: CloudSim;
let otherRegion: CloudSim;
const running: Collector[] = [];

const memoryKv = () => {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v) };
};

function collector(over: Partial<CollectorOptions> = {}): Collector {
  const c = new Collector({ keys: { accessKey: sim.accessKey, secretKey: sim.secretKey }, baseUrl: sim.restUrl, ca: sim.caPem, clock, logger: silentLogger, kv: memoryKv(), ...over });
  running.push(c);
  return c;
}

const until = async (cond: () => boolean, what: string): Promise<void> => {
  const end = Date.now() + 15_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  sim = await startCloudSim({ clock, seed: 3, devices: ['delta-pro', { family: 'delta-2', allowed: false }] });
  // The same account's keys, asked on the wrong regional host: 8513 everywhere.
  otherRegion = await startCloudSim({ clock, seed: 3, rejectAccessKey: true, accessKey: sim.accessKey, secretKey: sim.secretKey });
});

afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await Promise.all([sim?.stop(), otherRegion?.stop()]);
});

describe('errors a person can act on', () => {
  it('wrong secret: 8521 "check the secret key", no retries', async () => {
    const c = collector({ keys: { accessKey: sim.accessKey, secretKey: 'not-the-secret' } });
    const res = await c.start();
    expect(res).toMatchObject({ ok: false, error: { code: 'ecoflow-bad-signature', message: expect.stringContaining('check the secret key') } });
    expect(c.status().connection).toBe('auth-failed');
    expect(c.status().lastError?.code).toBe('ecoflow-bad-signature');
  });

  it('wrong access key: 8513 naming the host tried', async () => {
    const res = await collector({ keys: { accessKey: 'someoneElsesKey123', secretKey: sim.secretKey } }).start();
    expect(res).toMatchObject({ ok: false, error: { code: 'ecoflow-bad-key', message: expect.stringContaining(new URL(sim.restUrl).host) } });
  });

  it('keys of the other region: diagnoseRegion says which region to switch to', async () => {
    const opts = { keys: { accessKey: sim.accessKey, secretKey: sim.secretKey }, baseUrl: otherRegion.restUrl, clock };
    const res = await diagnoseRegion(opts, { eu: { url: otherRegion.restUrl, ca: otherRegion.caPem }, us: { url: sim.restUrl, ca: sim.caPem } });
    expect(res).toEqual({ ok: false, error: { code: 'ecoflow-wrong-region', message: expect.stringContaining('switch the region to Americas') } });
  });

  it('a clock 2 minutes ahead: "your clock is off by 120 s"', async () => {
    const ahead = new ManualClock(clock.now() + 120_000);
    const res = await collector({ clock: ahead }).start();
    expect(res).toMatchObject({ ok: false, error: { code: 'clock-skew', message: expect.stringMatching(/clock is off by 1(19|20|21) s/) } });
  });

  it('network refused and an untrusted certificate', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = collector({ baseUrl: `https://127.0.0.1:${port}` });
    expect(await refused.start()).toMatchObject({ ok: false, error: { code: 'network', message: expect.stringContaining('refused') } });
    // transient: retried in the background
    expect(refused.status().connection).toBe('reconnecting');
    await refused.stop();
    expect(await collector({ ca: undefined }).start()).toMatchObject({ ok: false, error: { code: 'tls' } });
  });

  it('1006 for a model not opened to the API; the status topic marks a device offline', async () => {
    const c = collector();
    expect((await c.start()).ok).toBe(true);
    await until(() => c.status().connection === 'connected', 'connected');
    const blocked = sim.devices.find((d) => !d.allowed)!;
    const pro = sim.devices.find((d) => d.allowed)!;
    expect(c.status().devices.find((d) => d.sn === blocked.sn)).toMatchObject({ latest: null, reason: expect.stringContaining('1006') });
    await sim.setOnline(pro.sn, false);
    await until(() => c.status().devices.find((d) => d.sn === pro.sn)?.state === 'offline', 'offline');
    expect(c.status().devices.find((d) => d.sn === pro.sn)).toMatchObject({ online: false, reason: 'device offline (the cloud reports it offline)' });
  });
});
