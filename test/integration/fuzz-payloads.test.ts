// 10,000 randomly mutated MQTT payloads (seeded PRNG) through the real message
// handler into a real SQLite store: nothing throws, nothing pollutes a
// prototype, every reading that comes out is schema-valid, and the valid
// payloads mixed in still produce stored readings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../common/reading';
import { ReadingSchema } from '../../common/schemas';
import { ManualClock } from '../../main/core/clock';
import { DeviceState } from '../../main/core/ecoflow/device-state';
import { Ingest } from '../../main/core/ecoflow/ingest';
import { createLogger } from '../../main/core/logger';
import { Sampler } from '../../main/core/store/sampler';
import { ReadingStore } from '../../main/core/store/store';
import { fixtureBytes } from '../unit/main/core/ecoflow/fixtures/load';

const ACCT = 'open-fuzz';
const DEVICES = [
  ['DCABZ0123456789', 'delta-pro', ['delta-pro-mqtt-discharging.json', 'delta-pro-quota-all.json']],
  ['R331ZEB4ZEAL0528', 'delta-2', ['delta-2-mqtt-pd.json', 'delta-2-mqtt-inv.json', 'delta-2-quota-all.json']],
  ['R351ZEB4ZEAL0001', 'delta-2-max', ['delta-2-max-mqtt-slave.json']],
  ['MR51ZAS2PG330026', 'delta-pro-3', ['delta-pro-3-mqtt-flat.json', 'delta-pro-3-mqtt-params.json']],
  ['DAEBZ0000000001', 'delta-max', ['delta-max-quota-all.json']],
  ['R621ZEB4ZEAL0002', 'river-2', ['river-2-pro-quota-all.json']],
  ['HW51ZEH4SF4R0001', 'unknown', ['powerstream-mqtt.json']],
] as const;

/** mulberry32: small, fast, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** REST fixtures become MQTT params messages; MQTT fixtures are used as they are. */
function basePayload(name: string): string {
  const text = fixtureBytes(name).toString('utf8');
  const body = JSON.parse(text) as { data?: unknown };
  return body.data ? JSON.stringify({ id: 1, version: '1.0', params: body.data }) : text;
}

const WEIRD_VALUES: unknown[] = [null, true, 'NaN', '1e999', -1, 1e308, 65535, 4294967295, [], {}, [1, [2, [3]]], { a: { b: 1 } }, '', 'x'.repeat(1000), -0, 0.1, 2 ** 60];

function mutate(text: string, rnd: () => number): string | Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const op = Math.floor(rnd() * 12);
  switch (op) {
    case 0: { // flip bytes
      const b = Buffer.from(text);
      for (let i = 0; i < 1 + rnd() * 4; i++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      return b;
    }
    case 1:
      return text.slice(0, Math.floor(rnd() * text.length));
    case 2: {
      const at = Math.floor(rnd() * text.length);
      return text.slice(0, at) + pick(['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', 'null', '1e999']) + text.slice(at);
    }
    default: {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return text;
      }
      const target = (msg.params ?? msg.param ?? msg) as Record<string, unknown>;
      const keys = Object.keys(target);
      switch (op) {
        case 3: for (let i = 0; i < 3; i++) target[pick(keys) ?? 'k'] = pick(WEIRD_VALUES); break;
        case 4: return text.replace('{', '{"__proto__":{"polluted":1},');
        case 5: return JSON.stringify(msg).replace('{', '{"constructor":{"prototype":{"polluted":1}},');
        case 6: msg.params = pick([[1, 2], 'str', 5, null]); break;
        case 7: msg.typeCode = pick(['pdStatus', 'bmsSlaveStatus_1', 5, '', '__proto__', 'x'.repeat(300)]); break;
        case 8: return JSON.stringify([msg]);
        case 9: return JSON.stringify({ ...msg, filler: 'x'.repeat(300 * 1024) });
        case 10: target[pick(keys) ?? 'k'] = 1e400 * (rnd() < 0.5 ? 1 : -1); return JSON.stringify(msg).replace(/null/, '1e999');
        default: msg.timestamp = pick([-1, 'soon', 1e20, 0]); delete msg.params; break;
      }
      return JSON.stringify(msg);
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'paku-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzzed MQTT payloads', () => {
  it('10,000 mutations: 0 throws, no pollution, valid payloads still stored', () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const errors: string[] = [];
    const logger = createLogger({ sink: (line, level) => level === 'error' && errors.push(line), level: 'debug' });
    const store = ReadingStore.open({ path: join(dir, 'fuzz.sqlite'), clock, logger });
    const sampler = new Sampler({ store, clock, logger, sampleSeconds: 0, batchMs: 10 });
    const out: Reading[] = [];
    const ingest = new Ingest(logger, { reading: (_d, r) => { out.push(r); sampler.offer(r); }, streamData: () => {}, status: () => {}, setReply: () => {} });
    for (const [sn, family] of DEVICES) ingest.add(new DeviceState(sn, family));
    const bases = DEVICES.flatMap(([sn, , files]) => files.map((f) => ({ sn, text: basePayload(f) })));
    const rnd = prng(20260601);
    let validSent = 0;
    let thrown = 0;
    for (let i = 0; i < 10_000; i++) {
      const base = bases[Math.floor(rnd() * bases.length)]!;
      const valid = i % 10 === 0;
      const payload = valid ? base.text : mutate(base.text, rnd);
      const kind = valid || rnd() < 0.8 ? 'quota' : rnd() < 0.5 ? 'status' : 'set_reply';
      const sn = valid || rnd() < 0.95 ? base.sn : 'NOT_OURS';
      if (valid) validSent++;
      try {
        ingest.handle(`/open/${ACCT}/${sn}/${kind}`, typeof payload === 'string' ? Buffer.from(payload) : payload, clock.now());
      } catch {
        thrown++;
      }
      clock.advance(20);
    }
    clock.advance(1000);
    sampler.flush();
    expect(thrown).toBe(0);
    expect(errors).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(ingest.counters.messages).toBe(10_000);
    expect(ingest.counters.malformed).toBeGreaterThan(3000);
    expect(out.length).toBeGreaterThanOrEqual(validSent);
    for (const r of out) expect(ReadingSchema.safeParse(r).success).toBe(true);
    expect(store.count()).toBe(out.length);
    store.close();
  });
});
