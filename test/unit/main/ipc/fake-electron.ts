// A stand-in for the `electron` module, just wide enough for main/index.ts to
// run its composition under Node (no Electron binary here): it records what
// the app does with the tray, window, IPC and lifecycle so a test can drive it.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Conf from 'conf';
import type { MenuItemConstructorOptions } from 'electron';
import { vi } from 'vitest';
import type { E2eHooks } from '../../../../main/e2e-hooks';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  sent: [string, unknown][] = [];
  destroyed = false;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  async executeJavaScript() {
    return undefined;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  loaded: { file: string; hash?: string } | null = null;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.all.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(file: string, opts?: { hash?: string }) {
    this.loaded = { file, ...(opts?.hash ? { hash: opts.hash } : {}) };
  }
  async loadURL() {}
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** What a click on the close box does. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
  }
}

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  images: unknown[] = [];
  tooltip = '';
  menu: { template: MenuItemConstructorOptions[] } | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.images.push(image);
    FakeTray.all.push(this);
  }
  setImage(i: unknown) {
    this.images.push(i);
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setTitle() {}
  setContextMenu(m: { template: MenuItemConstructorOptions[] } | null) {
    this.menu = m;
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

class FakeApp extends EventEmitter {
  paths: Record<string, string> = {};
  appPath = '';
  quitCalls = 0;
  exitCode: number | null = null;
  isPackaged = false;
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath(name: string) {
    const p = this.paths[name];
    if (!p) throw new Error(`no path ${name}`);
    return p;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return '0.1.0';
  }
  setLoginItemSettings() {}
  /** Like Electron: asks before-quit listeners, then quits unless one prevented it. */
  quit() {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('quit');
  }
  exit(code: number) {
    this.exitCode = code;
  }
}

const handlers = new Map<string, Handler>();

export const fake = {
  app: new FakeApp(),
  handlers,
  listeners: [] as string[],
  errors: [] as string[],
  notifications: [] as { title: string; body: string }[],
  session: {
    permissionHandler: null as unknown,
    headers: null as unknown,
  },
};

export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  ipcMain: {
    handle: (channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
    // electron-store answers its renderer helper on this channel.
    on: (channel: string) => void fake.listeners.push(channel),
  },
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
    setApplicationMenu: () => {},
  },
  nativeImage: {
    createEmpty: () => ({ reps: [] as unknown[], addRepresentation(r: unknown) { this.reps.push(r); }, setTemplateImage() {} }),
  },
  nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: true, themeSource: 'system' }),
  screen: Object.assign(new EventEmitter(), { getAllDisplays: () => [{ scaleFactor: 1 }] }),
  powerMonitor: new EventEmitter(),
  net: { isOnline: () => true },
  shell: { openExternal: async () => {} },
  dialog: {
    showErrorBox: (title: string, text: string) => void fake.errors.push(`${title}: ${text}`),
    showMessageBox: async () => ({ response: 0 }),
  },
  Notification: class extends EventEmitter {
    static isSupported() {
      return true;
    }
    constructor(readonly opts: { title: string; body: string }) {
      super();
    }
    show() {
      fake.notifications.push(this.opts);
    }
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(s).reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: unknown) => void (fake.session.permissionHandler = h),
      setPermissionCheckHandler: () => {},
      webRequest: { onHeadersReceived: (h: unknown) => void (fake.session.headers = h) },
    },
  },
};

/**
 * electron-store is ESM that imports `electron` from node_modules, which vitest
 * loads outside its mocks; it is Conf with userData as the default folder and
 * `name` for the file name, so the stand-in is exactly that (our code passes cwd).
 */
export class ElectronStoreStandIn<T extends Record<string, unknown>> extends Conf<T> {
  constructor({ name, ...rest }: { name: string; cwd: string; configFileMode?: number; clearInvalidConfig?: boolean }) {
    super({ ...rest, configName: name });
  }
}

export interface LaunchedApp {
  hooks: E2eHooks;
  window: FakeBrowserWindow;
  tray: FakeTray;
  userData: string;
  /** An IPC call as our window's top frame on our page would make it; `from` pretends to be someone else. */
  invoke(channel: string, request?: unknown, from?: { id?: number; url?: string; parent?: unknown }): Promise<unknown>;
  /** Quit from the tray menu; resolves with the ms until the app really quit. */
  quitFromTray(): Promise<number>;
  /** Quits if still running, and undoes what the launch changed in this process. */
  cleanup(): Promise<void>;
}

/**
 * Runs an Electron entry (main/index.ts, or the built out/main/index.js) on the
 * demo with this stand-in, and waits until the tray shows a battery level. The
 * caller's file mocks `electron` with electronModule before `load` imports it.
 */
export async function launchMain(load: () => Promise<unknown>): Promise<LaunchedApp> {
  const userData = mkdtempSync(join(tmpdir(), 'paku-userdata-'));
  const appPath = mkdtempSync(join(tmpdir(), 'paku-apppath-'));
  // The Node build of better-sqlite3 stands in for the Electron one prepare-electron-native.mjs makes.
  const nodeBuild = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  mkdirSync(join(appPath, '.electron-native'));
  symlinkSync(nodeBuild, join(appPath, '.electron-native', 'better_sqlite3.node'));
  fake.app.appPath = appPath;
  const envBefore = { PAKU_USER_DATA_DIR: process.env.PAKU_USER_DATA_DIR, PAKU_DEMO: process.env.PAKU_DEMO, PAKU_E2E: process.env.PAKU_E2E };
  Object.assign(process.env, { PAKU_USER_DATA_DIR: userData, PAKU_DEMO: '1', PAKU_E2E: '1' });
  const processListeners = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
  let quitAt: number | null = null;
  fake.app.once('quit', () => (quitAt = performance.now()));

  await load();
  await vi.waitFor(
    () => {
      const bucket = globalThis.__pakuE2E?.trayState()?.model.gauge.bucket;
      if (typeof bucket !== 'number') throw new Error(`the tray shows no battery level yet${fake.errors.length ? `: ${fake.errors.join('; ')}` : ''}`);
    },
    { timeout: 10_000, interval: 50 },
  );
  const window = FakeBrowserWindow.all[0]!;
  const quitted = () => new Promise<void>((done) => (quitAt !== null ? done() : fake.app.once('quit', () => done())));

  return {
    hooks: globalThis.__pakuE2E!,
    window,
    tray: FakeTray.all[0]!,
    userData,
    invoke(channel, request, from = {}) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      const page = pathToFileURL(window.loaded?.file ?? '').href;
      return handler({ sender: { id: from.id ?? window.webContents.id }, senderFrame: { url: from.url ?? page, parent: from.parent ?? null } }, request);
    },
    async quitFromTray() {
      const items = FakeTray.all[0]!.menu!.template as { label?: string; click?: () => void }[];
      const t0 = performance.now();
      items.find((i) => i.label === 'Quit paku-ecoflow')!.click!();
      await quitted();
      return quitAt! - t0;
    },
    async cleanup() {
      if (quitAt === null) {
        fake.app.quit();
        await quitted();
      }
      // main/index.ts keeps the app alive on stray errors; this test worker must not.
      for (const l of process.listeners('uncaughtException')) if (!processListeners.uncaught.includes(l)) process.off('uncaughtException', l);
      for (const l of process.listeners('unhandledRejection')) if (!processListeners.rejection.includes(l)) process.off('unhandledRejection', l);
      for (const [k, v] of Object.entries(envBefore)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      delete globalThis.__pakuE2E;
      rmSync(userData, { recursive: true, force: true });
      rmSync(appPath, { recursive: true, force: true });
    },
  };
}
