// The collector against the simulated EcoFlow cloud over real TLS (HTTPS REST
// with signature checks + aedes MQTT broker): readings with the right values,
// sampled into a real SQLite store,
// a broker restart and a credential rotation survived with ONE client id,
// output switching, the watchdog's snapshot fallback, and a restart reusing
// the persisted client id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../common/reading';
import type { CollectorStatus } from '../../common/schemas';
import { ManualClock } from '../../main/core/clock';
import { Collector } from '../../main/core/ecoflow/collector';
import { createLogger } from '../../main/core/logger';
import { startCloudSim, type CloudSim } from '../../main/core/simulator/cloud-sim';
import { Sampler } from '../../main/core/store/sampler';
import { ReadingStore } from '../../main/core/store/store';
import { decode } from '../unit/main/core/ecoflow/fixtures/load';

const clock = new ManualClock(Date.now());
const kvMap = new Map<string, string>();
const kv = { get: (k: string) => kvMap.get(k) ?? null, set: (k: string, v: string) => void kvMap.set(k, v) };
const logLines: string[] = [];
const logger = createLogger({ sink: (l) => logLines.push(l), level: 'debug', now: () => clock.now() });
let sim: CloudSim;
let collector: Collector;
const readings: Reading[] = [];
const dir = mkdtempSync(join(tmpdir(), 'paku-collector-'));
let store: ReadingStore;
let sampler: Sampler;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (real time) until cond holds; optionally moving the injected clock forward meanwhile. */
async function until(cond: () => boolean, what: string, advanceMs = 0, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; status ${JSON.stringify(collector.status().connection)}`);
    if (advanceMs) clock.advance(advanceMs);
    await sleep(25);
  }
}

/** Lets the sim publish once and waits until the messages have been handled. */
async function publishAndSettle(): Promise<void> {
  const before = collector.status().counters.messages;
  clock.advance(1000);
  await until(() => collector.status().counters.messages > before, 'quota messages');
  let last = -1;
  while (collector.status().counters.messages !== last) {
    last = collector.status().counters.messages;
    await sleep(80);
  }
}

/** Readings stored after the given count (flushes what the sampler holds). */
function storedSince(count: number): number {
  sampler.flush();
  return store.count() - count;
}

const connected = (s: CollectorStatus = collector.status()) => s.connection === 'connected';
const latest = (sn: string) => collector.status().devices.find((d) => d.sn === sn)?.latest ?? null;

beforeAll(async () => {
  sim = await startCloudSim({ clock, seed: 7, devices: ['delta-pro', 'delta-2'] });
  collector = new Collector({ keys: { accessKey: sim.accessKey, secretKey: ` ${sim.secretKey} ` }, baseUrl: sim.restUrl, ca: sim.caPem, clock, logger, kv });
  store = ReadingStore.open({ path: join(dir, 'readings.sqlite'), clock, logger });
  sampler = new Sampler({ store, clock, logger });
  collector.onReading((r) => {
    readings.push(r);
    sampler.offer(r);
  });
});

afterAll(async () => {
  await collector?.stop();
  await sim?.stop();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Collector against the simulated cloud', () => {
  it('starts: certification, device list, snapshots, one MQTT connection', async () => {
    expect(await collector.start()).toEqual({ ok: true, value: undefined });
    await until(() => connected(), 'MQTT connected');
    const s = collector.status();
    expect(s.devices.map((d) => [d.family, d.supported])).toEqual([['delta-pro', true], ['delta-2', true]]);
    expect(s.counters.snapshots).toBe(2);
    expect(s.devices.every((d) => d.latest !== null && d.rawKeyCount > 50)).toBe(true);
    expect(sim.clientIdsSeen()).toHaveLength(1);
    expect(sim.clientIdsSeen()[0]).toMatch(/^paku-ecoflow-[0-9a-f]{12}$/);
  });

  it('readings from MQTT carry the right values (the decoded simulator quota)', async () => {
    await sim.tick(30 * 60_000);
    await publishAndSettle();
    for (const d of sim.devices) {
      const mine = latest(d.sn);
      const expected = decode(d.family, Object.assign(Object.create(null), sim.quota(d.sn)), d.sn, mine?.ts ?? 0);
      expect(mine, d.family).toEqual(expected);
      expect(mine?.socPercent).toBeGreaterThan(0);
    }
    const pro = sim.devices.find((d) => d.family === 'delta-pro')!;
    const q = sim.quota(pro.sn);
    expect(latest(pro.sn)?.solarWatts).toBe(Number(q['mppt.inWatts']) / 10);
    expect(latest(pro.sn)?.batteryVolts).toBe(Number(q['bmsMaster.vol']) / 1000);
    expect(collector.status().devices.every((d) => d.state === 'live')).toBe(true);
    expect(collector.status().counters.malformed).toBe(0);
  });

  it('the sampled readings land in SQLite with the same values, in id order', () => {
    sampler.flush();
    expect(sampler.stats()).toMatchObject({ writeErrors: 0, dropped: 0 });
    for (const d of sim.devices) {
      expect(store.count(d.sn), d.family).toBeGreaterThanOrEqual(2); // the REST snapshot and MQTT updates
      const { id, ...stored } = store.latest(d.sn)!;
      expect(id).toBeGreaterThan(0);
      expect(stored, d.family).toEqual(latest(d.sn));
    }
    // The outbox order (ids) follows each device's time order.
    const rows = store.outbox.take(0, 1000).readings;
    expect(rows).toHaveLength(store.count());
    for (const d of sim.devices) {
      const ts = rows.filter((r) => r.sn === d.sn).map((r) => r.ts);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
    }
  });

  it('survives a broker restart with the same client id', async () => {
    const connections = sim.connectionCount();
    const stored = store.count();
    await sim.restartBroker();
    await until(() => sim.connectionCount() > connections && connected(), 'reconnect after broker restart', 500);
    await publishAndSettle();
    expect(storedSince(stored)).toBeGreaterThan(0);
    expect(sim.clientIdsSeen()).toHaveLength(1);
    expect(collector.status().counters.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('survives a credential rotation: refused login → new certification (≤ 1/min) → same client id', async () => {
    const refused = sim.refusedLogins();
    const certs = () => sim.restCalls().filter((c) => c.path.endsWith('/certification')).length;
    const certsBefore = certs();
    const stored = store.count();
    sim.rotateCredentials();
    await until(() => sim.refusedLogins() > refused, 'the refused login', 500);
    await until(() => connected(), 'reconnect with new credentials', 2000, 30_000);
    expect(certs()).toBe(certsBefore + 1);
    await publishAndSettle();
    expect(storedSince(stored)).toBeGreaterThan(0);
    expect(sim.clientIdsSeen()).toHaveLength(1);
    expect(logLines.join('\n')).not.toContain(sim.certificatePassword);
  });

  it('switches an output: pending until the device reports it', async () => {
    const pro = sim.devices.find((d) => d.family === 'delta-pro')!;
    const was = latest(pro.sn)?.acOutEnabled;
    const on = was !== 1;
    const res = await collector.setOutput(pro.sn, 'ac', on);
    expect(res).toEqual({ ok: true, value: undefined });
    await until(() => latest(pro.sn)?.acOutEnabled === (on ? 1 : 0), 'the new AC state', 0);
    await until(() => collector.status().devices.find((d) => d.sn === pro.sn)?.pendingOutputs.length === 0, 'pending cleared');
    expect(await collector.setOutput('NOPE', 'ac', true)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('falls back to REST snapshots when the stream stalls', async () => {
    sim.stallStream(true);
    const snaps = collector.status().counters.snapshots;
    for (let i = 0; i < 14; i++) clock.advance(5000);
    await until(() => collector.status().counters.snapshots >= snaps + 2, 'snapshots');
    clock.advance(5000);
    expect(collector.status().devices.map((d) => [d.state, d.reason])).toEqual([
      ['snapshot', 'cloud stream stalled'],
      ['snapshot', 'cloud stream stalled'],
    ]);
    sim.stallStream(false);
    await publishAndSettle();
    expect(collector.status().devices.every((d) => d.state === 'live')).toBe(true);
  });

  it('a restart of the collector reuses the persisted client id', async () => {
    await collector.stop();
    expect(collector.status().connection).toBe('stopped');
    collector = new Collector({ keys: { accessKey: sim.accessKey, secretKey: sim.secretKey }, baseUrl: sim.restUrl, ca: sim.caPem, clock, logger, kv });
    expect((await collector.start()).ok).toBe(true);
    await until(() => connected(), 'connected again');
    expect(sim.clientIdsSeen()).toHaveLength(1);
    const t = Date.now();
    await collector.stop();
    expect(Date.now() - t).toBeLessThan(2500);
  });
});
