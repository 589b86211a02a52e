import { describe, expect, it } from 'vitest';
import { contract, EVENT_CHANNELS, INVOKE_CHANNELS, isEventChannel, isInvokeChannel, validateEvent, validateRequest, validateResponse } from '../../../common/contract';

const T0 = Date.UTC(2026, 0, 1);

describe('contract table', () => {
  it('names every channel domain:verb in lowerCamel and splits calls from events', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    expect(INVOKE_CHANNELS).toEqual(expect.arrayContaining(['status:get', 'series:query', 'energy:query', 'export:csv', 'settings:get', 'settings:update', 'settings:testEcoflow', 'settings:testPostgres', 'sync:setPaused', 'output:set', 'diagnostics:get', 'app:startDemo']));
    expect(EVENT_CHANNELS).toEqual(['status:changed', 'sync:changed', 'settings:changed']);
    for (const e of EVENT_CHANNELS) expect(e).toMatch(/:changed$/);
    expect(isInvokeChannel('status:changed')).toBe(false);
    expect(isEventChannel('status:get')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
  });
});

describe('validateRequest', () => {
  it('accepts good shapes and fills defaults', () => {
    expect(validateRequest('series:query', { sn: 'SN1', from: T0, to: T0 + 1, fields: ['socPercent', 'wattsIn'] })).toEqual({
      ok: true,
      value: { sn: 'SN1', from: T0, to: T0 + 1, fields: ['socPercent', 'wattsIn'], maxPoints: 2000 },
    });
    expect(validateRequest('sync:setPaused', false)).toEqual({ ok: true, value: false });
    expect(validateRequest('output:set', { sn: 'SN1', output: 'car', on: true }).ok).toBe(true);
    expect(validateRequest('settings:testPostgres', undefined).ok).toBe(true);
    expect(validateRequest('settings:testPostgres', { postgres: { sslmode: 'verify-full' } }).ok).toBe(true);
  });

  it('treats null or {} as "no request" for calls that take none (JSON cannot carry undefined)', () => {
    expect(validateRequest('status:get', null)).toEqual({ ok: true, value: undefined });
    expect(validateRequest('status:get', {})).toEqual({ ok: true, value: undefined });
    expect(validateRequest('status:get', { x: 1 }).ok).toBe(false);
  });

  it.each([
    ['series:query', { sn: 'SN1', from: T0, to: T0 + 1, fields: ['notAField'] }, /fields\.0/],
    ['series:query', { sn: 'SN1', from: T0 + 1, to: T0, fields: ['wattsIn'] }, /"from" must be before "to"/],
    ['series:query', { sn: 'SN1', from: T0, to: T0 + 1, fields: [], maxPoints: 2000 }, /fields/],
    ['series:query', { sn: 'SN1', from: T0, to: T0 + 1, fields: ['wattsIn'], maxPoints: 1e6 }, /maxPoints/],
    ['energy:query', { sn: 'SN1', from: T0, to: T0 + 1, bucket: 'year', tz: 'UTC' }, /bucket/],
    ['energy:query', { sn: 'SN1', from: T0, to: T0 + 1, bucket: 'day', tz: 'Nowhere/Atlantis' }, /Unknown time zone/],
    ['output:set', { sn: 'SN1', output: 'usb', on: true }, /output/],
    ['sync:setPaused', 'true', /boolean/],
    ['settings:update', { theme: 'purple' }, /theme/],
    ['settings:update', { unknownThing: 1 }, /unknownThing|Unrecognized/],
    ['settings:update', { secrets: { ecoflowAccessKey: 42 } }, /secrets\.ecoflowAccessKey/],
    ['settings:update', { secrets: { someOtherSecret: 'x' } }, /someOtherSecret|Unrecognized/],
    ['export:csv', { sn: '', from: T0, to: T0 + 1 }, /sn/],
  ] as const)('%s refuses %j', (channel, raw, why) => {
    const r = validateRequest(channel, raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad-request');
    expect(r.error.message).toContain(`The request for ${channel}`);
    expect(r.error.message).toMatch(why);
    expect(r.error.message.length).toBeLessThan(800);
  });

  it('refuses unknown channels by name', () => {
    expect(validateRequest('settings:delete', {})).toEqual({ ok: false, error: { code: 'bad-request', message: 'There is no call named "settings:delete".' } });
  });
});

describe('validateResponse / validateEvent', () => {
  it('checks answers and events on the receiving side', () => {
    expect(validateResponse('export:csv', { filename: 'a.csv', rows: 0, csv: '' }).ok).toBe(true);
    expect(validateResponse('export:csv', { filename: 'a.csv', rows: -1, csv: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const collector = { connection: 'connected', lastError: null, devices: [], counters: { messages: 1, malformed: 0, implausible: 0, snapshots: 0, reconnects: 0 } };
    expect(validateEvent('status:changed', collector).ok).toBe(true);
    expect(validateEvent('status:changed', { ...collector, connection: 'weird' }).ok).toBe(false);
  });
});
