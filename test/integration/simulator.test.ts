// The simulated cloud over real TLS: signed REST accepted/refused exactly like
// the real API, and an mqtt.js client logging in, subscribing and receiving
// quota pushes, refused with a wrong password.
import { request } from 'node:https';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { signRequest, type SignValue } from '../../main/core/ecoflow/signing';
import { startCloudSim, type CloudSim } from '../../main/core/simulator/cloud-sim';

interface Answer {
  status: number;
  date: string | undefined;
  json: Record<string, unknown>;
}

function call(
  sim: CloudSim,
  method: string,
  path: string,
  opts: { query?: Record<string, string>; body?: Record<string, SignValue>; headers?: Record<string, string>; sign?: Record<string, SignValue> | null; now?: number; secret?: string } = {},
): Promise<Answer> {
  const signed = opts.sign === undefined ? (opts.body ?? opts.query) : (opts.sign ?? undefined);
  const h = signRequest(signed, { accessKey: sim.accessKey, secretKey: opts.secret ?? sim.secretKey }, opts.now ?? clock.now());
  const qs = opts.query ? '?' + new URLSearchParams(opts.query).toString() : '';
  const text = opts.body ? JSON.stringify(opts.body) : undefined;
  const headers: Record<string, string> = { ...h, ...(text ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = request(sim.restUrl + path + qs, { method, headers, ca: sim.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, date: res.headers.date, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }),
      );
    });
    req.on('error', reject);
    req.end(text);
  });
}

const clock = new ManualClock(Date.UTC(2026, 5, 21, 10, 0, 0));
let sim: CloudSim;

beforeAll(async () => {
  sim = await startCloudSim({ clock, seed: 7, devices: ['delta-pro', 'delta-2'] });
});
afterAll(async () => {
  await sim.stop();
});

describe('simulated REST', () => {
  it('answers a correctly signed certification with the broker and a Date header from the sim clock', async () => {
    const a = await call(sim, 'GET', '/iot-open/sign/certification');
    expect(a.status).toBe(200);
    expect(a.json['code']).toBe('0');
    expect(a.json['message']).toBe('Success');
    expect(a.json['data']).toEqual({
      certificateAccount: sim.certificateAccount,
      certificatePassword: sim.certificatePassword,
      url: '127.0.0.1',
      port: String(sim.mqttPort),
      protocol: 'mqtts',
    });
    expect(sim.certificateAccount).toMatch(/^open-[0-9a-f]+$/);
    expect(new Date(a.date ?? '').getTime()).toBe(Math.floor(clock.now() / 1000) * 1000);
  });

  it('refuses a wrong secret, a stale timestamp and an unknown key with the real codes', async () => {
    expect((await call(sim, 'GET', '/iot-open/sign/device/list', { secret: 'wrong' })).json).toMatchObject({ code: '8521', message: 'signature is wrong' });
    expect((await call(sim, 'GET', '/iot-open/sign/device/list', { now: clock.now() - 61_000 })).json['code']).toBe('8521');
    const h = signRequest(undefined, { accessKey: 'nope', secretKey: sim.secretKey }, clock.now());
    const a = await call(sim, 'GET', '/iot-open/sign/device/list', { headers: { accesskey: h.accessKey } });
    expect(a.json).toMatchObject({ code: '8513', message: 'accessKey is invalid' });
  });

  it('lists devices and returns quota/all for a signed query; a GET with a JSON Content-Type signs the empty body', async () => {
    const list = await call(sim, 'GET', '/iot-open/sign/device/list');
    const devices = list.json['data'] as { sn: string; productName: string; online: number }[];
    expect(devices.map((d) => d.productName)).toEqual(['DELTA Pro', 'DELTA 2']);
    const dp = devices[0]?.sn ?? '';
    expect(dp).toMatch(/^DCABZ/);
    const all = await call(sim, 'GET', '/iot-open/sign/device/quota/all', { query: { sn: dp } });
    expect(all.json['code']).toBe('0');
    expect(Object.keys(all.json['data'] as object).length).toBeGreaterThan(200);
    // Content-Type JSON on a GET: the server signs the (empty) body, so a signed query fails…
    const jsonHeader = { 'Content-Type': 'application/json;charset=UTF-8' };
    expect((await call(sim, 'GET', '/iot-open/sign/device/quota/all', { query: { sn: dp }, headers: jsonHeader })).json['code']).toBe('8521');
    // …and signing only the auth triple succeeds.
    expect((await call(sim, 'GET', '/iot-open/sign/device/quota/all', { query: { sn: dp }, headers: jsonHeader, sign: null })).json['code']).toBe('0');
  });

  it('answers selected quotas, 405 for a wrong method and 1006 for a device that is not allowed', async () => {
    const sn = sim.devices[0]?.sn ?? '';
    const q = await call(sim, 'POST', '/iot-open/sign/device/quota', { body: { sn, params: { quotas: ['ems.lcdShowSoc', 'inv.cfgAcEnabled'] } } });
    expect(Object.keys(q.json['data'] as object).sort()).toEqual(['ems.lcdShowSoc', 'inv.cfgAcEnabled']);
    const m = await call(sim, 'POST', '/iot-open/sign/certification', { body: {} });
    expect(m.status).toBe(405);
    expect(m.json).toEqual({ code: '405', message: 'Method Not Allowed' });
    sim.setAllowed(sn, false);
    expect((await call(sim, 'GET', '/iot-open/sign/device/quota/all', { query: { sn } })).json['code']).toBe('1006');
    sim.setAllowed(sn, true);
  });
});

describe('simulated MQTT broker', () => {
  const clients: MqttClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
  });

  it('lets the certified account subscribe and pushes quota messages over verified TLS', async () => {
    const c = await connectAsync(`mqtts://${sim.mqttHost}:${sim.mqttPort}`, {
      ca: sim.caPem,
      username: sim.certificateAccount,
      password: sim.certificatePassword,
      clientId: 'paku-test-1',
      reconnectPeriod: 0,
    });
    clients.push(c);
    const sn = sim.devices[0]?.sn ?? '';
    const granted = await c.subscribeAsync(`/open/${sim.certificateAccount}/${sn}/quota`, { qos: 1 });
    expect(granted.map((g) => g.qos)).toEqual([1]);
    // Another account's or an unknown device's topic is refused (SUBACK 0x80).
    await expect(c.subscribeAsync(`/open/${sim.certificateAccount}/NOTMINE/quota`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await expect(c.subscribeAsync(`/open/open-other/${sn}/quota`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const got: string[] = [];
    c.on('message', (_t, p) => got.push(p.toString('utf8')));
    clock.advance(1000);
    await sim.tick();
    await new Promise((r) => setTimeout(r, 200));
    expect(got.length).toBeGreaterThan(0);
    expect(got[0]).toMatch(/^\{"id":2\d{18},"version":"1.0","timestamp":\d+,"addr":0,"cmdFunc":0,"cmdId":0,"params":\{/);
    expect(sim.clientIdsSeen()).toContain('paku-test-1');
  });

  it('refuses a wrong password with CONNACK not authorized', async () => {
    const attempt = connectAsync(`mqtts://${sim.mqttHost}:${sim.mqttPort}`, {
      ca: sim.caPem,
      username: sim.certificateAccount,
      password: 'wrong',
      clientId: 'paku-test-bad',
      reconnectPeriod: 0,
    });
    await expect(attempt).rejects.toMatchObject({ code: 5 });
  });
});
