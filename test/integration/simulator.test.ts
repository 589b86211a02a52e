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

/** Resolves when pred() holds, polling every 20 ms, or fails after ms. */
async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Inbox {
  client: MqttClient;
  messages: { topic: string; text: string }[];
  on(leaf: string): string[];
}

let barriers = 0;
/**
 * Waits until everything the broker published before now has reached the inbox: a marker sent
 * on `sn`'s quota topic arrives after them (one subscriber, in order), and is then removed.
 */
async function flush(s: CloudSim, box: Inbox, sn: string): Promise<void> {
  const marker = `barrier-${++barriers}`;
  await s.publishRaw(sn, marker);
  await until(() => box.messages.some((m) => m.text === marker));
  box.messages.splice(box.messages.findIndex((m) => m.text === marker), 1);
}

async function subscriber(s: CloudSim, clientId: string, leaves = ['quota', 'status', 'set_reply']): Promise<Inbox> {
  const client = await connectAsync(`mqtts://${s.mqttHost}:${s.mqttPort}`, {
    ca: s.caPem,
    username: s.certificateAccount,
    password: s.certificatePassword,
    clientId,
    reconnectPeriod: 0,
  });
  const messages: Inbox['messages'] = [];
  client.on('message', (topic, p) => messages.push({ topic, text: p.toString('utf8') }));
  await client.subscribeAsync(s.devices.flatMap((d) => leaves.map((l) => `/open/${s.certificateAccount}/${d.sn}/${l}`)), { qos: 1 });
  return { client, messages, on: (leaf) => messages.filter((m) => m.topic.endsWith('/' + leaf)).map((m) => m.text) };
}

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

describe('test controls', () => {
  let s: CloudSim;
  const c2 = new ManualClock(Date.UTC(2026, 5, 21, 9, 0, 0));
  const inboxes: Inbox[] = [];
  beforeAll(async () => {
    s = await startCloudSim({ clock: c2, seed: 3 });
  });
  afterAll(async () => {
    await Promise.all(inboxes.map((i) => i.client.endAsync(true)));
    await s.stop();
  });

  it('pushes on the clock: a full snapshot first, then only changed keys; Delta 2 as typeCode modules', async () => {
    const box = await subscriber(s, 'ctl-1');
    inboxes.push(box);
    c2.advance(1000);
    await until(() => box.on('quota').length >= 6);
    const d2 = s.devices[1]?.sn ?? '';
    const typeCodes = box.messages.filter((m) => m.topic.includes(d2)).map((m) => (JSON.parse(m.text) as { typeCode: string }).typeCode);
    expect(new Set(typeCodes)).toEqual(new Set(['pdStatus', 'mpptStatus', 'invStatus', 'bmsStatus', 'emsStatus']));
    const firstKeys = box.on('quota').reduce((n, t) => n + Object.keys((JSON.parse(t) as { params: object }).params).length, 0);
    const before = box.messages.length;
    c2.advance(1000);
    await flush(s, box, d2);
    expect(box.messages.length).toBeGreaterThan(before);
    const laterKeys = box.messages.slice(before).reduce((n, m) => n + Object.keys((JSON.parse(m.text) as { params: object }).params).length, 0);
    expect(firstKeys).toBeGreaterThan(300);
    expect(laterKeys).toBeLessThan(firstKeys / 3);
  });

  it('applies a REST PUT set command, then publishes set_reply and the changed quota', async () => {
    const box = inboxes[0]!;
    const sn = s.devices[0]?.sn ?? '';
    box.messages.length = 0;
    const a = await call(s, 'PUT', '/iot-open/sign/device/quota', { body: { sn, params: { cmdSet: 32, id: 66, enabled: 0 } }, now: c2.now() });
    expect(a.json).toMatchObject({ code: '0', message: 'Success' });
    await until(() => box.on('set_reply').length > 0 && box.on('quota').some((t) => t.includes('"inv.cfgAcEnabled":0')));
    expect(JSON.parse(box.on('set_reply')[0] ?? '{}')).toMatchObject({ code: '0', data: { cmdSet: 32, id: 66, ack: 0 } });
    expect(s.device(sn).station.settings.acEnabled).toBe(false);
  });

  it('applies an MQTT set (Delta 2 moduleType) and replies with the request id', async () => {
    const box = inboxes[0]!;
    const sn = s.devices[1]?.sn ?? '';
    box.messages.length = 0;
    await box.client.publishAsync(
      `/open/${s.certificateAccount}/${sn}/set`,
      JSON.stringify({ id: 424242, version: '1.0', moduleType: 2, operateType: 'upsConfig', params: { maxChgSoc: 80 } }),
      { qos: 1 },
    );
    await until(() => box.on('set_reply').length > 0);
    expect(box.on('set_reply')[0]).toMatch(/^\{"id":424242,/);
    expect(s.quota(sn)['bms_emsStatus.maxChargeSoc']).toBe(80);
  });

  it('setOnline publishes status, stops pushes and leaves quota/all stale; stallStream stops pushes only', async () => {
    const box = inboxes[0]!;
    const sn = s.devices[0]?.sn ?? '';
    await s.setOnline(sn, false);
    await until(() => box.on('status').length > 0);
    expect(JSON.parse(box.on('status').at(-1) ?? '{}')).toMatchObject({ params: { status: 0 } });
    const stale = (await call(s, 'GET', '/iot-open/sign/device/quota/all', { query: { sn }, now: c2.now() })).json['data'];
    box.messages.length = 0;
    c2.advance(60_000);
    await s.tick(600_000);
    await flush(s, box, s.devices[1]?.sn ?? '');
    expect(box.messages.filter((m) => m.topic.includes(sn))).toHaveLength(0);
    expect((await call(s, 'GET', '/iot-open/sign/device/quota/all', { query: { sn }, now: c2.now() })).json['data']).toEqual(stale);
    const list = (await call(s, 'GET', '/iot-open/sign/device/list', { now: c2.now() })).json['data'] as { sn: string; online: number }[];
    expect(list.find((d) => d.sn === sn)?.online).toBe(0);
    s.stallStream(true, sn);
    await s.setOnline(sn, true);
    // the inbox was cleared after the offline status: this is the online one
    await until(() => box.on('status').length >= 1);
    await s.tick(60_000);
    await flush(s, box, s.devices[1]?.sn ?? '');
    expect(box.messages.filter((m) => m.topic.includes(sn) && m.topic.endsWith('quota'))).toHaveLength(0);
    // The REST snapshot stays fresh while the stream is stalled (what a watchdog falls back to).
    const fresh = (await call(s, 'GET', '/iot-open/sign/device/quota/all', { query: { sn }, now: c2.now() })).json['data'];
    expect(fresh).not.toEqual(stale);
    s.stallStream(false);
  });

  it('publishRaw sends any bytes on the quota topic', async () => {
    const box = inboxes[0]!;
    box.messages.length = 0;
    await s.publishRaw(s.devices[0]?.sn ?? '', Buffer.from([0xff, 0x00, 0x7b]));
    await until(() => box.messages.length > 0);
    expect(box.messages[0]?.topic).toMatch(/\/quota$/);
  });

  it('rotateCredentials drops connections and refuses the old password; the new one works', async () => {
    const box = inboxes[0]!;
    const oldPassword = s.certificatePassword;
    const closed = new Promise<void>((r) => box.client.once('close', () => r()));
    s.rotateCredentials();
    await closed;
    expect(s.certificatePassword).not.toBe(oldPassword);
    const old = connectAsync(`mqtts://${s.mqttHost}:${s.mqttPort}`, { ca: s.caPem, username: s.certificateAccount, password: oldPassword, clientId: 'ctl-1', reconnectPeriod: 0 });
    await expect(old).rejects.toMatchObject({ code: 5 });
    const cert = (await call(s, 'GET', '/iot-open/sign/certification', { now: c2.now() })).json['data'] as { certificatePassword: string };
    expect(cert.certificatePassword).toBe(s.certificatePassword);
    inboxes.push(await subscriber(s, 'ctl-1'));
    expect(s.clientIdsSeen()).toEqual(['ctl-1']);
    expect(s.refusedLogins()).toBe(1);
  });

  it('restartBroker reopens on the same port and the next push is a full snapshot', async () => {
    const port = s.mqttPort;
    const box = inboxes.at(-1)!;
    const closed = new Promise<void>((r) => box.client.once('close', () => r()));
    await s.restartBroker();
    await closed;
    expect(s.mqttPort).toBe(port);
    const again = await subscriber(s, 'ctl-1');
    inboxes.push(again);
    await s.tick();
    await until(() => again.on('quota').length >= 6);
    expect(s.connectionCount()).toBe(3);
    expect(s.clientIdsSeen()).toEqual(['ctl-1']);
  });

  it('8513 for every call when playing the other region', async () => {
    s.setRejectAccessKey(true);
    expect((await call(s, 'GET', '/iot-open/sign/certification', { now: c2.now() })).json['code']).toBe('8513');
    s.setRejectAccessKey(false);
  });
});

describe('lifecycle', () => {
  it('stop() closes servers and timers, leaving nothing behind', async () => {
    const c3 = new ManualClock();
    const s3 = await startCloudSim({ clock: c3, devices: ['delta-2'], maxClientIds: 1 });
    const box = await subscriber(s3, 'only-one');
    await expect(
      connectAsync(`mqtts://${s3.mqttHost}:${s3.mqttPort}`, { ca: s3.caPem, username: s3.certificateAccount, password: s3.certificatePassword, clientId: 'second', reconnectPeriod: 0 }),
    ).rejects.toMatchObject({ code: 5 });
    const closed = new Promise<void>((r) => box.client.once('close', () => r()));
    await s3.stop();
    await closed;
    expect(c3.pendingTimers()).toBe(0);
    await box.client.endAsync(true);
  });
});
