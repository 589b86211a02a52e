// main/index.ts, the composition root, run under Node with a stand-in
// `electron` (fake-electron.ts) over the real runtime in demo mode: the real
// simulated cloud over TLS, the real store, AppService, IPC registration, tray
// controller and painter, settings files and SecretBox. What Electron itself
// would draw is not checked here; what the app asks of it is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeTray, fake, launchMain, type LaunchedApp } from './fake-electron';

vi.mock('electron', async () => {
  const { electronModule } = await import('./fake-electron');
  return { default: electronModule, ...electronModule };
});
vi.mock('electron-store', async () => ({ default: (await import('./fake-electron')).ElectronStoreStandIn }));

const root = join(import.meta.dirname, '..', '..', '..', '..');
const rendererFile = join(root, 'renderer', 'index.html');
const secret = 'pg-Secret-that-must-not-leak-42';

let launched: LaunchedApp;
let win: FakeBrowserWindow;

beforeAll(async () => {
  launched = await launchMain(() => import('../../../../main/index'));
  win = launched.window;
}, 20_000);

afterAll(() => launched?.cleanup());

describe('the composition root on the demo', () => {
  it('shows the demo battery on the tray: gauge, tooltip per device, the menu the issue lists', () => {
    expect(FakeTray.all).toHaveLength(1);
    const snap = launched.hooks.trayState()!;
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
    const status = (await launched.invoke('status:get')) as { ok: boolean; value: { collector: { devices: unknown[] } } };
    expect(status.ok).toBe(true);
    expect(status.value.collector.devices.length).toBeGreaterThan(0);

    const foreign = (await launched.invoke('status:get', undefined, { id: 9999 })) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const subframe = (await launched.invoke('status:get', undefined, { parent: {} })) as { ok: boolean };
    expect(subframe.ok).toBe(false);
    const otherPage = (await launched.invoke('status:get', undefined, { url: 'https://example.com/' })) as { ok: boolean };
    expect(otherPage.ok).toBe(false);
    const bad = (await launched.invoke('settings:update', { sampleSeconds: 'often' })) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    await vi.waitFor(() => expect(win.webContents.sent.some(([c]) => c === 'status:changed')).toBe(true), { timeout: 5_000 });
  });

  it('keeps a secret encrypted on disk and tells the window only that it is set', async () => {
    const updated = (await launched.invoke('settings:update', { secrets: { postgresPassword: secret } })) as { ok: boolean; value: unknown };
    expect(updated.ok).toBe(true);
    const view = (await launched.invoke('settings:get')) as { ok: boolean; value: { secrets: { postgresPassword: unknown } } };
    expect(view.value.secrets.postgresPassword).toEqual({ isSet: true });
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(JSON.stringify(win.webContents.sent)).not.toContain(secret);
    // Every file: settings, secrets, logs and the SQLite stores.
    const files = readdirSync(launched.userData, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['settings.json', 'secrets.json']));
    for (const f of files) expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toContain(secret);
  });

  it('hides to the tray on close; a tray click brings the window back', () => {
    const { hooks } = launched;
    win.close();
    expect(win.destroyed).toBe(false);
    expect(hooks.windowVisible()).toBe(false);
    launched.tray.emit('click');
    expect(hooks.windowVisible()).toBe(true);
    win.close();
    hooks.trayClick();
    expect(hooks.windowVisible()).toBe(true);
    expect(FakeBrowserWindow.all).toHaveLength(1);
  });

  it("the tray's Start at login switch goes through the settings and shows as checked", async () => {
    type Item = { label?: string; checked?: boolean; click?: () => void };
    const startAtLogin = () => (launched.tray.menu!.template as Item[]).find((i) => i.label === 'Start at login')!;
    expect(startAtLogin().checked).toBe(false);
    startAtLogin().click!();
    await vi.waitFor(() => expect(startAtLogin().checked).toBe(true));
    const view = (await launched.invoke('settings:get')) as { value: { startAtLogin: boolean } };
    expect(view.value.startAtLogin).toBe(true);
  });

  it('a second launch shows the existing window', () => {
    win.close();
    fake.app.emit('second-instance');
    expect(launched.hooks.windowVisible()).toBe(true);
  });

  it('quits from the tray menu: flushes the runtime within 5 s, removes the tray and the IPC handlers', async () => {
    expect(await launched.quitFromTray()).toBeLessThan(5_000);
    expect(launched.tray.destroyed).toBe(true);
    expect(fake.handlers.size).toBe(0);
    // Closing now really closes.
    win.close();
    expect(win.destroyed).toBe(true);
    const log = readFileSync(join(launched.userData, 'logs', 'paku-ecoflow.log'), 'utf8');
    expect(log).toMatch(/stopped/);
    expect(log).not.toContain(secret);
  });
});
