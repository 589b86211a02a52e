import { describe, expect, it } from 'vitest';
import type { EventChannel, InvokeChannel } from '../../../../common/contract';
import { createClient, type Transport } from '../../../../renderer/api/client';
import { findPreloadApi, ipcTransport } from '../../../../renderer/api/ipc-transport';
import { takeTokenFromUrl } from '../../../../renderer/api/http-transport';

const collector = { connection: 'connected', lastError: null, devices: [], counters: { messages: 0, malformed: 0, implausible: 0, snapshots: 0, reconnects: 0 } };

function fakeTransport(answer: (channel: InvokeChannel, req: unknown) => unknown) {
  const listeners = new Map<string, (p: unknown) => void>();
  const transport: Transport = {
    invoke: async (c, r) => answer(c, r),
    subscribe: (name: EventChannel, l) => {
      listeners.set(name, l);
      return () => listeners.delete(name);
    },
  };
  return { transport, emit: (name: string, payload: unknown) => listeners.get(name)?.(payload), listeners };
}

describe('createClient', () => {
  it('has one method per invoke channel and passes requests through', async () => {
    const seen: unknown[] = [];
    const { transport } = fakeTransport((c, r) => {
      seen.push([c, r]);
      return { ok: true, value: [] };
    });
    const client = createClient(transport);
    const r = await client['energy:query']({ sn: 'A1', from: 0, to: 1, bucket: 'day', tz: 'UTC' });
    expect(r).toEqual({ ok: true, value: [] });
    expect(seen).toEqual([['energy:query', { sn: 'A1', from: 0, to: 1, bucket: 'day', tz: 'UTC' }]]);
  });

  it('validates answers against the contract', async () => {
    const client = createClient(fakeTransport(() => ({ ok: true, value: [{ ts: 'yesterday' }] })).transport);
    const r = await client['energy:query']({ sn: 'A1', from: 0, to: 1, bucket: 'day', tz: 'UTC' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad-request');
  });

  it('passes error results through and turns a failed transport into a network error', async () => {
    const refused = createClient(fakeTransport(() => ({ ok: false, error: { code: 'pg-auth', message: 'Password refused.' } })).transport);
    expect(await refused['settings:get'](undefined)).toEqual({ ok: false, error: { code: 'pg-auth', message: 'Password refused.' } });
    const broken = createClient({ invoke: () => Promise.reject(new Error('socket hang up')), subscribe: () => () => {} });
    const r = await broken['settings:get'](undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'network' } });
    const garbage = createClient(fakeTransport(() => 'hello').transport);
    expect(await garbage['settings:get'](undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers valid events and reports malformed ones instead', () => {
    const fake = fakeTransport(() => null);
    const bad: string[] = [];
    const client = createClient(fake.transport, (name) => bad.push(name));
    const got: unknown[] = [];
    const unsubscribe = client.subscribe('status:changed', (s) => got.push(s.connection));
    fake.emit('status:changed', collector);
    fake.emit('status:changed', { connection: 'sideways' });
    expect(got).toEqual(['connected']);
    expect(bad).toEqual(['status:changed']);
    unsubscribe();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('transports', () => {
  it('ipcTransport calls the preload method of the channel', async () => {
    const api = { subscribe: () => () => {}, 'settings:get': async (r: unknown) => ({ ok: true, value: r }) };
    const w = { paku: api } as unknown as Window;
    const found = findPreloadApi(w);
    expect(found).toBe(api);
    expect(await ipcTransport(found!).invoke('settings:get', 7)).toEqual({ ok: true, value: 7 });
    await expect(ipcTransport(found!).invoke('status:get', null)).rejects.toThrow(/does not offer/);
    expect(findPreloadApi({} as Window)).toBeNull();
  });

  it('takeTokenFromUrl reads the token once and drops it from the address', () => {
    const replaced: string[] = [];
    const w = {
      location: { href: 'http://127.0.0.1:5000/?token=abc-123#charts' },
      history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    } as unknown as Window;
    expect(takeTokenFromUrl(w)).toBe('abc-123');
    expect(replaced).toEqual(['/#charts']);
    const none = { location: { href: 'http://127.0.0.1:5000/' }, history: { replaceState: () => replaced.push('x') } } as unknown as Window;
    expect(takeTokenFromUrl(none)).toBeNull();
  });
});
