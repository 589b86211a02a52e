// The local MQTT republish sink against a real aedes broker: retained power
// summary and state per device, a refused login in words, and a broker that
// goes away and comes back (publish never throws, the queue stays bounded).
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, expect, test } from 'vitest';
import { RepublishSink } from '../../main/core/republish/republish-sink';
import { freePort } from '../helpers/postgres';
import { sampleReading, waitFor } from '../helpers/sync-fixtures';

interface Broker {
  port: number;
  close(): Promise<void>;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => {});
});

async function startBroker(port: number, users?: Record<string, string>): Promise<Broker> {
  const broker = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      const ok = !users || (username !== undefined && users[username] === password?.toString());
      done(ok ? null : Object.assign(new Error('bad user name or password'), { returnCode: 4 }), ok);
    },
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    broker.handle(s);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => broker.close(() => r()));
  };
  cleanups.push(close);
  return { port, close };
}

/** Subscribes and collects messages (retained ones arrive first). */
async function subscribe(port: number, topic: string): Promise<{ messages: Map<string, unknown>; end: () => Promise<void> }> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 });
  const messages = new Map<string, unknown>();
  client.on('message', (t, payload) => messages.set(t, JSON.parse(payload.toString())));
  await client.subscribeAsync(topic);
  const end = () => client.endAsync(true);
  cleanups.push(end);
  return { messages, end };
}

test('publishes retained power summary and merged state per device', async () => {
  const broker = await startBroker(await freePort());
  const sink = new RepublishSink({ url: `mqtt://127.0.0.1:${broker.port}`, reconnectMs: 100 });
  cleanups.push(() => sink.stop());
  sink.start();
  await waitFor(() => sink.status().connected, 5000, 'sink connected');
  sink.publish(sampleReading('DCABZ1', 0));
  // A later reading that knows less: the state keeps the known values.
  sink.publish({ ...sampleReading('DCABZ1', 1), socPercent: null, socMainPercent: null, solarWatts: 100.4 });
  sink.publish(sampleReading('R2/#+', 0));
  await waitFor(() => sink.status().published === 6, 5000, 'published');
  // A subscriber arriving later gets the retained latest.
  const sub = await subscribe(broker.port, 'paku/ecoflow/#');
  await waitFor(() => sub.messages.size === 4, 5000, 'retained messages');
  expect(sub.messages.get('paku/ecoflow/DCABZ1/power')).toEqual({ soc: 50, solar_w: 100, ac_in_w: 0, ac_out_w: 100, dc_out_w: 38, watts_in: 301, watts_out: 120 });
  const state = sub.messages.get('paku/ecoflow/DCABZ1/state') as Record<string, unknown>;
  expect(state).toMatchObject({ sn: 'DCABZ1', ts: Date.UTC(2026, 0, 1) + 1000, socPercent: 50, batteryVolts: 52.301, solarWatts: 100.4 });
  expect(sub.messages.has('paku/ecoflow/R2___/power')).toBe(true); // wildcards never reach a topic
  expect(sink.status()).toMatchObject({ connected: true, dropped: 0, lastError: null });
});

test('a refused login is reported in words, without the password', async () => {
  const broker = await startBroker(await freePort(), { van: 'right-secret' });
  const sink = new RepublishSink({ url: `mqtt://127.0.0.1:${broker.port}`, username: 'van', password: 'wrong-secret', reconnectMs: 100 });
  cleanups.push(() => sink.stop());
  sink.start();
  await waitFor(() => sink.status().lastError !== null, 5000, 'error');
  expect(sink.status().lastError).toEqual({ code: 'mqtt-auth', message: expect.stringContaining('refused the login for user van') });
  expect(JSON.stringify(sink.status())).not.toContain('wrong-secret');
  const ok = new RepublishSink({ url: `mqtt://127.0.0.1:${broker.port}`, username: 'van', password: 'right-secret' });
  cleanups.push(() => ok.stop());
  ok.start();
  await waitFor(() => ok.status().connected, 5000, 'login accepted');
});

test('survives the broker being down: bounded queue, oldest dropped and counted, latest delivered after', async () => {
  const port = await freePort();
  let broker = await startBroker(port);
  const sink = new RepublishSink({ url: `mqtt://127.0.0.1:${port}`, reconnectMs: 100, queueLimit: 10 });
  cleanups.push(() => sink.stop());
  sink.start();
  await waitFor(() => sink.status().connected, 5000, 'connected');
  await broker.close();
  await waitFor(() => !sink.status().connected, 5000, 'sink notices');
  for (let i = 0; i < 50; i++) expect(() => sink.publish(sampleReading('DCABZ1', i))).not.toThrow();
  expect(sink.status()).toMatchObject({ connected: false, queued: 10, dropped: 90 });
  expect(sink.status().lastError?.code).toBe('network');
  broker = await startBroker(port);
  await waitFor(() => sink.status().connected && sink.status().queued === 0, 5000, 'reconnected and flushed');
  const sub = await subscribe(port, 'paku/ecoflow/DCABZ1/power');
  await waitFor(() => sub.messages.size === 1, 5000, 'retained');
  expect(sub.messages.get('paku/ecoflow/DCABZ1/power')).toMatchObject({ soc: 99 }); // reading 49: 50 + 49
  expect(sink.status().lastError).toBeNull();
});
