import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type ContractHandlers } from '../../../../common/contract';
import { ok, type Result } from '../../../../common/result';
import { silentLogger } from '../../../../main/core/logger';
import { appUrlCheck, forwardEvents, registerIpc, senderCheck, type IpcEventLike, type IpcMainLike, type WebContentsLike } from '../../../../main/ipc';

const RENDERER = '/opt/paku/resources/app.asar/out/renderer/index.html';
const APP_URL = 'file:///opt/paku/resources/app.asar/out/renderer/index.html#/settings';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
}

class FakeWebContents implements WebContentsLike {
  sent: [string, unknown][] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

function setup(throwing = false) {
  const calls: [string, unknown][] = [];
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [
      c,
      async (req: unknown): Promise<Result<unknown>> => {
        calls.push([c, req]);
        if (throwing) throw new Error('boom with secret hunter2');
        return ok({ answered: c });
      },
    ]),
  ) as unknown as ContractHandlers;
  const ipc = new FakeIpcMain();
  const win = new FakeWebContents(7);
  const windows = [win];
  const checkSender = senderCheck({ windows: () => windows, isAppUrl: appUrlCheck({ rendererFile: RENDERER }) });
  const reg = registerIpc({ ipc, handlers, checkSender, logger: silentLogger });
  return { ipc, calls, reg, win };
}

const fromApp = (over: Partial<IpcEventLike> = {}): IpcEventLike => ({ sender: { id: 7 }, senderFrame: { url: APP_URL, parent: null }, ...over });

describe('IPC registration', () => {
  it('registers exactly the contract invoke channels, and no events', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const e of EVENT_CHANNELS) expect(ipc.handlers.has(e)).toBe(false);
  });

  it('validates the request and passes the parsed value with defaults', async () => {
    const { ipc, calls } = setup();
    const req = { sn: 'DCABZ1', from: 1000, to: 2000, fields: ['socPercent'] };
    await expect(ipc.invoke('series:query', fromApp(), req)).resolves.toEqual({ ok: true, value: { answered: 'series:query' } });
    expect(calls).toEqual([['series:query', { ...req, maxPoints: 2000 }]]);
    await expect(ipc.invoke('sync:setPaused', fromApp(), true)).resolves.toMatchObject({ ok: true });
    await expect(ipc.invoke('status:get', fromApp())).resolves.toMatchObject({ ok: true });
  });

  it('refuses a bad shape with bad-request and never calls the handler', async () => {
    const { ipc, calls } = setup();
    const r = (await ipc.invoke('series:query', fromApp(), { sn: 'x', from: 5, to: 1, fields: ['nope'] })) as Result<unknown>;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-request');
      expect(r.error.message).toMatch(/series:query/);
    }
    const extra = (await ipc.invoke('settings:update', fromApp(), { sneaky: true })) as Result<unknown>;
    expect(extra.ok).toBe(false);
    expect(await ipc.invoke('sync:setPaused', fromApp(), 'yes')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['another webContents', { sender: { id: 99 } }, /not one of our windows/],
    ['a subframe', { senderFrame: { url: APP_URL, parent: {} } }, /not the top frame/],
    ['a foreign page', { senderFrame: { url: 'https://evil.example/', parent: null } }, /not our page/],
    ['a file outside the renderer', { senderFrame: { url: 'file:///tmp/evil.html', parent: null } }, /not our page/],
    ['a destroyed frame', { senderFrame: null }, /frame is gone/],
  ] as const)('refuses %s', async (_what, over, why) => {
    const { ipc, calls } = setup();
    const r = (await ipc.invoke('settings:get', fromApp(over as Partial<IpcEventLike>))) as Result<unknown>;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad-request');
      expect(r.error.message).toMatch(why);
    }
    expect(calls).toEqual([]);
  });

  it('refuses a window that was destroyed', async () => {
    const { ipc, win } = setup();
    win.destroyed = true;
    expect(await ipc.invoke('settings:get', fromApp())).toMatchObject({ ok: false });
  });

  it('turns a throwing handler into an internal error without its message', async () => {
    const { ipc } = setup(true);
    const r = (await ipc.invoke('settings:get', fromApp())) as Result<unknown>;
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('removes its handlers on dispose', () => {
    const { ipc, reg } = setup();
    reg.dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('accepts the dev server origin only when configured', () => {
    const dev = appUrlCheck({ rendererFile: RENDERER, devUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/#/x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(appUrlCheck({ rendererFile: RENDERER })('http://localhost:5173/')).toBe(false);
    expect(appUrlCheck({ rendererFile: RENDERER })('not a url')).toBe(false);
  });
});

describe('event forwarding', () => {
  it('sends contract events to live windows and drops anything else', () => {
    let emit: (name: string, payload: unknown) => void = () => {};
    const a = new FakeWebContents(1);
    const b = new FakeWebContents(2);
    b.destroyed = true;
    const stop = forwardEvents({ source: (l) => ((emit = l), () => (emit = () => {})), windows: () => [a, b], logger: silentLogger });
    emit('sync:changed', { x: 1 });
    emit('internal:secret', { key: 'k' });
    expect(a.sent).toEqual([['sync:changed', { x: 1 }]]);
    expect(b.sent).toEqual([]);
    stop();
    emit('sync:changed', { x: 2 });
    expect(a.sent).toHaveLength(1);
  });
});
