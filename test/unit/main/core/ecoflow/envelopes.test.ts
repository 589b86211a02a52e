import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, parseEnvelope, quotaMapFrom, type Envelope } from '../../../../../main/core/ecoflow/envelopes';
import { fixtureBytes } from './fixtures/load';

const buf = (s: string) => Buffer.from(s, 'utf8');
const quota = (s: string) => parseEnvelope('quota', buf(s));
const keysOf = (e: Envelope) => (e.kind === 'quota' ? { ...e.keys } : e);

describe('quota envelopes (spec §4.4)', () => {
  it('shape A: Delta Pro params are taken as-is, even with cmdFunc/cmdId 0 beside them', () => {
    const e = parseEnvelope('quota', fixtureBytes('delta-pro-mqtt-discharging.json'));
    expect(e.kind).toBe('quota');
    if (e.kind !== 'quota') return;
    expect(e.keys['bmsMaster.amp']).toBe(-4591);
    expect(e.keys['pd.wattsOutSum']).toBe(155);
    expect(e.ts).toBe(1767225600000);
  });

  it('shape B: typeCode prefixes', () => {
    expect(keysOf(parseEnvelope('quota', fixtureBytes('delta-2-mqtt-pd.json')))).toMatchObject({ 'pd.soc': 47, 'pd.remainTime': 95 });
    expect(keysOf(parseEnvelope('quota', fixtureBytes('delta-2-mqtt-inv.json')))).toMatchObject({ 'inv.inputWatts': 420 });
    expect(keysOf(parseEnvelope('quota', fixtureBytes('delta-2-max-mqtt-slave.json')))).toEqual({
      'bms_slave_bmsSlaveStatus_2.soc': 88, 'bms_slave_bmsSlaveStatus_2.vol': 51000, 'bms_slave_bmsSlaveStatus_2.amp': 0, 'bms_slave_bmsSlaveStatus_2.temp': 22,
    });
    expect(keysOf(quota('{"typeCode":"bmsStatus","params":{"soc":1}}'))).toEqual({ 'bms_bmsStatus.soc': 1 });
    expect(keysOf(quota('{"typeCode":"emsStatus","params":{"lcdShowSoc":1}}'))).toEqual({ 'bms_emsStatus.lcdShowSoc': 1 });
    expect(keysOf(quota('{"typeCode":"bmsSlaveStatus","params":{"soc":1}}'))).toEqual({ 'bms_slave.soc': 1 });
    expect(keysOf(quota('{"typeCode":"mpptStatus","params":{"inWatts":1}}'))).toEqual({ 'mppt.inWatts': 1 });
  });

  it('shape C: singular param gets the {cmdFunc}_{cmdId}. prefix', () => {
    expect(keysOf(parseEnvelope('quota', fixtureBytes('powerstream-mqtt.json')))).toMatchObject({ '20_1.pv1InputWatts': 2141, '20_1.batSoc': 64 });
  });

  it('shape D: flat keys minus the envelope fields', () => {
    const e = parseEnvelope('quota', fixtureBytes('delta-pro-3-mqtt-flat.json'));
    const keys = keysOf(e) as Record<string, unknown>;
    expect(keys.cmsBattSoc).toBe(72.4);
    for (const f of ['id', 'version', 'timestamp']) expect(keys).not.toHaveProperty(f);
    expect(e.kind === 'quota' && e.ts).toBe(1767225610000);
  });

  it.each([
    ['not JSON', 'hello'],
    ['top-level array', '[1,2]'],
    ['a number', '42'],
    ['params as array', '{"params":[1,2]}'],
    ['typeCode without params', '{"typeCode":"pdStatus"}'],
    ['typeCode not a string', '{"typeCode":5,"params":{}}'],
    ['param as array', '{"cmdFunc":20,"cmdId":1,"param":[1]}'],
    ['non-integer cmdFunc', '{"cmdFunc":"x","cmdId":1,"param":{}}'],
    ['__proto__ key', '{"params":{"__proto__":{"polluted":1}}}'],
    ['nested constructor key', '{"params":{"a":{"b":[{"constructor":1}]}}}'],
    ['prototype key flat', '{"prototype":1}'],
    ['__proto__ key written with escapes', '{"params":{"\\u005f_proto__":{"polluted":1}}}'],
    ['non-finite number', '{"params":{"pd.soc":1e999}}'],
    ['non-finite negative number with a plus exponent', '{"params":{"a":{"b":[-2E+400]}}}'],
    ['non-finite number without an exponent', `{"params":{"pd.soc":${'9'.repeat(320)}}}`],
    ['non-finite number with a 2-digit exponent', `{"params":{"pd.soc":${'9'.repeat(250)}e99}}`],
  ])('rejects %s', (_name, text) => {
    expect(quota(text).kind).toBe('malformed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names lists exactly the keys, for every shape', () => {
    for (const f of ['delta-pro-mqtt-discharging.json', 'delta-2-mqtt-pd.json', 'powerstream-mqtt.json', 'delta-pro-3-mqtt-flat.json']) {
      const e = parseEnvelope('quota', fixtureBytes(f));
      expect(e.kind === 'quota' && [...e.names].sort(), f).toEqual(e.kind === 'quota' && Object.keys(e.keys).sort());
    }
  });

  it('accepts the words as values, not keys', () => {
    expect(keysOf(quota('{"params":{"note":"constructor"}}'))).toEqual({ note: 'constructor' });
  });

  it('accepts large finite numbers and escapes that are not forbidden keys', () => {
    expect(keysOf(quota(`{"params":{"a":1.5e308,"b":1e-999,"c":${'1'.repeat(250)},"d":"caf\\u00e9"}}`))).toEqual({ a: 1.5e308, b: 0, c: Number('1'.repeat(250)), d: 'café' });
  });

  it('rejects payloads over the size cap without parsing them', () => {
    const big = Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20);
    expect(parseEnvelope('quota', big)).toEqual({ kind: 'malformed', reason: expect.stringContaining('too large') });
  });

  it('works on a Uint8Array view into a larger buffer', () => {
    const whole = buf('xx{"params":{"a":1}}yy');
    expect(keysOf(parseEnvelope('quota', whole.subarray(2, whole.length - 2)))).toEqual({ a: 1 });
  });
});

describe('status and set_reply', () => {
  it('status online/offline', () => {
    expect(parseEnvelope('status', buf('{"id":"180778957","version":"1.0","timestamp":1759069300916,"params":{"status":1}}'))).toEqual({ kind: 'status', online: true });
    expect(parseEnvelope('status', buf('{"params":{"status":0}}'))).toEqual({ kind: 'status', online: false });
    expect(parseEnvelope('status', buf('{"params":{"status":7}}')).kind).toBe('malformed');
  });

  it('keeps a set_reply id above 2^53 exactly as written', () => {
    const e = parseEnvelope('set_reply', buf('{"data":{"cmdSet":32,"id":33,"ack":0},"id":2150912106874021449,"code":"0"}'));
    expect(e).toEqual({ kind: 'set_reply', id: '2150912106874021449', ok: true });
  });

  it('reads success per family', () => {
    const reply = (s: string) => parseEnvelope('set_reply', buf(s));
    expect(reply('{"id":"5","code":"0","data":{"ack":1}}')).toMatchObject({ ok: false });
    expect(reply('{"id":5,"data":{"configOk":true}}')).toMatchObject({ id: '5', ok: true });
    expect(reply('{"id":5,"data":{"configOk":false}}')).toMatchObject({ ok: false });
    expect(reply('{"id":5,"code":"-2","data":{}}')).toMatchObject({ ok: false });
    expect(reply('{"id":5,"data":{"result":1}}')).toMatchObject({ ok: false });
    expect(reply('{"code":"0","data":{"id":3}}').kind).toBe('malformed');
    expect(reply('{"s":"\\"id\\":9","id":12}')).toMatchObject({ id: '12' });
  });
});

describe('quotaMapFrom (REST data)', () => {
  it('copies into a null-prototype map and rejects bad shapes', () => {
    const m = quotaMapFrom({ 'bmsMaster.soc': '100' });
    expect(typeof m === 'object' && Object.getPrototypeOf(m)).toBeNull();
    expect(quotaMapFrom([1])).toMatch(/not an object/);
    expect(quotaMapFrom(JSON.parse('{"__proto__":{"x":1}}'))).toMatch(/forbidden/);
  });
});
