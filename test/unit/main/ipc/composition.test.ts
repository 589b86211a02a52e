// main/index.ts, the composition root, run under Node with a stand-in
// `electron` (fake-electron.ts) over the real runtime in demo mode: the real
// simulated cloud over TLS, the real store, AppService, IPC registration, tray
// controller and painter, settings files and SecretBox. What Electron itself
// would draw is not checked here; what the app asks of it is.
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { E2eHooks } from '../../../../main/e2e-hooks';
import { FakeBrowserWindow, FakeTray, fake } from './fake-electron';

vi.mock('electron', async () => {
  const { electronModule } = await import('./fake-electron');
  return { default: electronModule, ...electronModule };
});
vi.mock('electron-store', async () => ({ default: (await import('./fake-electron')).ElectronStoreStandIn }));

const root = join(import.meta.dirname, '..', '..', '..', '..');
const rendererFile = join(root, 'renderer', 'index.html');
const userData = mkdtempSync(join(tmpdir(), 'paku-composition-'));
const appPath = mkdtempSync(join(tmpdir(), 'paku-apppath-'));
const listenersBefore = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
const env = { PAKU_USER_DATA_DIR: process.env.PAKU_USER_DATA_DIR, PAKU_DEMO: process.env.PAKU_DEMO, PAKU_E2E: process.env.PAKU_E2E };

let hooks: E2eHooks;
let quitted = false;
let win: FakeBrowserWindow;

/** An IPC call as our window's top frame (or as someone else) would make it. */
function invoke(channel: string, request?: unknown, from: { id?: number; url?: string; parent?: unknown } = {}): Promise<unknown> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = { sender: { id: from.id ?? win.webContents.id }, senderFrame: { url: from.url ?? pathToFileURL(rendererFile).href, parent: from.parent ?? null } };
  return handler(event, request);
}

beforeAll(async () => {
  // The Node build of better-sqlite3 stands in for the Electron one prepare-electron-native.mjs makes.
  const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  mkdirSync(join(appPath, '.electron-native'));
  symlinkSync(nodeBuild, join(appPath, '.electron-native', 'better_sqlite3.node'));
  fake.app.appPath = appPath;
  Object.assign(process.env, { PAKU_USER_DATA_DIR: userData, PAKU_DEMO: '1', PAKU_E2E: '1' });

  fake.app.once('quit', () => (quitted = true));
  await import('../../../../main/index');
  await vi.waitFor(
    () => {
      if (!globalThis.__pakuE2E) throw new Error('not started yet');
      expect(globalThis.__pakuE2E.trayState()?.model.gauge.bucket).toEqual(expect.any(Number));
    },
    { timeout: 8_000, interval: 50 },
  );
  hooks = globalThis.__pakuE2E!;
  win = FakeBrowserWindow.all[0]!;
}, 15_000);

afterAll(async () => {
  if (!quitted) {
    const done = new Promise((resolve) => fake.app.once('quit', resolve));
    fake.app.quit();
    await done;
  }
  // main/index.ts keeps the app alive on stray errors; this worker must not.
  for (const l of process.listeners('uncaughtException')) if (!listenersBefore.uncaught.includes(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection')) if (!listenersBefore.rejection.includes(l)) process.off('unhandledRejection', l);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  delete globalThis.__pakuE2E;
  rmSync(userData, { recursive: true, force: true });
  rmSync(appPath, { recursive: true, force: true });
});

describe('the composition root on the demo', () => {
  it('shows the demo battery on the tray: gauge, tooltip per device, the menu the issue lists', () => {
    expect(FakeTray.all).toHaveLength(1);
    const snap = hooks.trayState()!;
    expect(snap.model.gauge.bucket! % 5).toBe(0);
    expect(snap.tooltip).toMatch(/\d+ %/);
    expect(snap.menuLabels).toEqual(expect.arrayContaining(['Open', 'Settings…', 'Start at login', 'Quit paku-ecoflow']));
    expect(snap.menuLabels.some((l) => /AC output/.test(l))).toBe(true);
    const tray = FakeTray.all[0]!;
    expect(tray.tooltip).toBe(snap.tooltip);
    // Linux: one representation at the largest display scale (1 here), AppIndicator's 22 px.
    const image = tray.images.at(-1) as { reps: { width: number; scaleFactor: number }[] };
    expect(image.reps).toEqual([expect.objectContaining({ scaleFactor: 1, width: 22 })]);
  });

  it('opens the one hardened window on the built renderer', () => {
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(win.visible).toBe(true);
    expect(win.loaded).toEqual({ file: rendererFile });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: join(root, 'preload', 'index.cjs') });
    // Hardening reached the window's webContents: window.open is denied.
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(typeof fake.session.permissionHandler).toBe('function');
  });

  it('answers IPC from our window with the demo devices, refuses other senders, pushes events', async () => {
    const status = (await invoke('status:get')) as { ok: boolean; value: { collector: { devices: unknown[] } } };
    expect(status.ok).toBe(true);
    expect(status.value.collector.devices.length).toBeGreaterThan(0);

    const foreign = (await invoke('status:get', undefined, { id: 9999 })) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const subframe = (await invoke('status:get', undefined, { parent: {} })) as { ok: boolean };
    expect(subframe.ok).toBe(false);
    const bad = (await invoke('settings:update', { sampleSeconds: 'often' })) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    await vi.waitFor(() => expect(win.webContents.sent.some(([c]) => c === 'status:changed')).toBe(true), { timeout: 5_000 });
  });

  it('keeps a secret encrypted on disk and tells the window only that it is set', async () => {
    const secret = 'pg-Secret-that-must-not-leak-42';
    const updated = (await invoke('settings:update', { secrets: { postgresPassword: secret } })) as { ok: boolean; value: unknown };
    expect(updated.ok).toBe(true);
    const view = (await invoke('settings:get')) as { ok: boolean; value: { secrets: { postgresPassword: unknown } } };
    expect(view.value.secrets.postgresPassword).toEqual({ isSet: true });
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(JSON.stringify(win.webContents.sent)).not.toContain(secret);
    const files = readdirSync(userData, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.endsWith('.sqlite') && !/sqlite-(wal|shm)$/.test(f.name));
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['settings.json', 'secrets.json']));
    for (const f of files) expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toContain(secret);
  });

  it('hides to the tray on close; a tray click brings the window back', () => {
    win.close();
    expect(win.destroyed).toBe(false);
    expect(hooks.windowVisible()).toBe(false);
    FakeTray.all[0]!.emit('click');
    expect(hooks.windowVisible()).toBe(true);
    win.close();
    hooks.trayClick();
    expect(hooks.windowVisible()).toBe(true);
    expect(FakeBrowserWindow.all).toHaveLength(1);
  });

  it('a second launch shows the existing window', () => {
    win.close();
    fake.app.emit('second-instance');
    expect(hooks.windowVisible()).toBe(true);
  });

  it('quits from the tray menu: flushes the runtime within 5 s, removes the tray and the IPC handlers', async () => {
    const quitItem = (FakeTray.all[0]!.menu!.template as { label?: string; click?: () => void }[]).find((i) => i.label === 'Quit paku-ecoflow')!;
    const quit = new Promise<number>((done) => fake.app.once('quit', () => done(performance.now())));
    const t0 = performance.now();
    quitItem.click!();
    const elapsed = (await quit) - t0;
    expect(elapsed).toBeLessThan(5_000);
    expect(FakeTray.all[0]!.destroyed).toBe(true);
    expect(fake.handlers.size).toBe(0);
    // Closing now really closes.
    win.close();
    expect(win.destroyed).toBe(true);
    const log = readFileSync(join(userData, 'logs', 'paku-ecoflow.log'), 'utf8');
    expect(log).toMatch(/stopped/);
    expect(log).not.toContain('pg-Secret-that-must-not-leak-42');
  });
});
