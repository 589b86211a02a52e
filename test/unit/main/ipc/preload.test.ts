// The preload against a fake contextBridge/ipcRenderer: it exposes exactly the
// contract's calls plus subscribe, and strips the IpcRendererEvent.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../../common/contract';

const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoked: [string, unknown][] = [];
  return {
    exposed,
    listeners,
    invoked,
    electron: {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api;
        },
      },
      ipcRenderer: {
        invoke: async (channel: string, req: unknown) => {
          invoked.push([channel, req]);
          return { ok: true, value: channel };
        },
        on: (channel: string, l: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(l);
        },
        removeListener: (channel: string, l: (...args: unknown[]) => void) => {
          listeners.get(channel)?.delete(l);
        },
      },
    },
  };
});

vi.mock('electron', () => fake.electron);

type Api = Record<string, unknown> & { subscribe: (name: string, cb: (p: unknown) => void) => () => void };
let api: Api;

beforeAll(async () => {
  await import('../../../../preload/index');
  api = fake.exposed.paku as Api;
});

describe('preload', () => {
  it('exposes only window.paku', () => {
    expect(Object.keys(fake.exposed)).toEqual(['paku']);
  });

  it('has exactly one method per contract call, plus subscribe', () => {
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, 'subscribe'].sort());
    for (const e of EVENT_CHANNELS) expect(api[e]).toBeUndefined();
    expect(api['invoke']).toBeUndefined();
    expect(api['send']).toBeUndefined();
  });

  it('invokes the matching channel with the request', async () => {
    const call = api['sync:setPaused'] as (req: unknown) => Promise<unknown>;
    await expect(call(true)).resolves.toEqual({ ok: true, value: 'sync:setPaused' });
    expect(fake.invoked).toEqual([['sync:setPaused', true]]);
  });

  it('subscribes to contract events only, strips the event object, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.subscribe('sync:changed', (p) => got.push(p));
    const l = [...(fake.listeners.get('sync:changed') ?? [])][0]!;
    l({ sender: 'secret-bearing event' }, { paused: true });
    expect(got).toEqual([{ paused: true }]);
    off();
    expect(fake.listeners.get('sync:changed')?.size).toBe(0);
    expect(() => api.subscribe('electron-store-get-data', () => {})).toThrow(/Unknown event/);
    expect(() => api.subscribe('status:get', () => {})).toThrow(/Unknown event/);
  });
});
