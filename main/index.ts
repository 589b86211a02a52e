// Electron entry and composition root: the only file that decides the app's
// lifecycle. It builds the core from the settings (main/core/runtime.ts), and
// wires the faces: tray gauge, the one window, IPC, notifications. Closing the
// window keeps the app in the tray; Quit (tray menu, Cmd+Q, logout) flushes
// collector and sync for at most 5 s. Everything that decides lives in pure
// modules (tray/*, notify/*, ipc.ts) or in the core.
import { createWriteStream, existsSync, renameSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, Menu, nativeTheme, net, powerMonitor, safeStorage, screen, session, Tray, type NativeImage } from 'electron';
import { isCodedError } from '../common/errors';
import type { SettingsView } from '../common/settings';
import { systemClock } from './core/clock';
import { createLogger, Redactor, type Logger } from './core/logger';
// Expected from the lead's runtime: createRuntime({face, app, dataDir, settings, secrets, redactor, logger,
// clock, demo, nativeBinding, diagnostics}) → Runtime {service: AppService, reconnectNow(reason), close()}.
import { createRuntime, type Runtime } from './core/runtime';
import { installAppMenu } from './app-menu';
import { installE2eHooks } from './e2e-hooks';
import { appUrlCheck } from './ipc';
import { bindIpc } from './ipc-electron';
import { Notifier, syncFailingSince } from './notify/notifier';
import { createNotificationSink } from './notifications';
import { autostartDir, setLinuxAutostart } from './settings/autostart';
import { openElectronSettings } from './settings/electron-settings';
import { SafeStorageBox } from './settings/safe-storage-box';
import { GaugeImageCache } from './tray/gauge-image';
import type { TrayPlatform } from './tray/gauge-painter';
import { TrayController } from './tray/tray-controller';
import { outputConfirmation, type OutputRequest } from './tray/tray-menu';
import { TrayStateHolder } from './tray/tray-state';
import { hardenSession, hardenWebContents } from './web-security';
import { MainWindow } from './windows';

/** electron-builder.yml's appId: Windows shows notifications only for the id the installer's shortcut carries. */
const APP_ID = 'fi.paku.ecoflow';
const QUIT_FLUSH_MS = 5_000;
const TRAY_REFRESH_MS = 30_000;
const ONLINE_POLL_MS = 10_000;

// An isolated profile (e2e tests, portable use) must be set before anything reads userData.
if (process.env.PAKU_USER_DATA_DIR) app.setPath('userData', process.env.PAKU_USER_DATA_DIR);

const platform = (['darwin', 'win32'].includes(process.platform) ? process.platform : 'linux') as TrayPlatform;
const outDir = join(import.meta.dirname, '..');

/** An append-only log in userData/logs; the previous one is kept once it passes 5 MB. `flush` ends it (quit). */
function fileLogger(redactor: Redactor): { log: Logger; flush: () => Promise<void> } {
  const dir = join(app.getPath('userData'), 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'paku-ecoflow.log');
  if (existsSync(file) && statSync(file).size > 5 * 1024 * 1024) renameSync(file, `${file}.1`);
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  // Writes are async: without this, the last lines before exit would be lost.
  const flush = () => new Promise<void>((done) => (stream.writableEnded ? done() : stream.end(done)));
  const log = createLogger({ redactor, level: app.isPackaged ? 'info' : 'debug', sink: (line) => void (stream.writableEnded || stream.write(line + '\n')) });
  return { log, flush };
}

/** better-sqlite3 built for Electron's ABI (scripts/prepare-electron-native.mjs, shipped as an extra resource). */
function nativeBinding(): string {
  const file = app.isPackaged ? join(process.resourcesPath, 'native', 'better_sqlite3.node') : join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  if (!existsSync(file)) {
    throw new Error(`The database driver for Electron is missing (${file}). Run "node scripts/prepare-electron-native.mjs" with internet access, then start again.`);
  }
  return file;
}

async function start(): Promise<void> {
  const redactor = new Redactor();
  const { log, flush: flushLog } = fileLogger(redactor);
  log.info('starting', { version: app.getVersion(), electron: process.versions.electron, platform: process.platform });

  const rendererFile = join(outDir, 'renderer', 'index.html');
  const devUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null);
  const isAppUrl = appUrlCheck({ rendererFile, devUrl });
  hardenSession(session.defaultSession, log);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, log));

  const files = openElectronSettings({ userData: app.getPath('userData'), logger: log });
  const secrets = new SafeStorageBox({ safeStorage, file: files.secretsFile, platform: process.platform, logger: log, redactor });
  const demo = process.argv.includes('--demo') || process.env.PAKU_DEMO === '1';

  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      face: 'electron',
      app: { name: 'paku-ecoflow', version: app.getVersion() },
      dataDir: app.getPath('userData'),
      settings: files.settings,
      secrets,
      redactor,
      logger: log,
      clock: systemClock,
      demo,
      nativeBinding: nativeBinding(),
      diagnostics: { versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' }, paths: { userData: app.getPath('userData') } },
    });
  } catch (e) {
    log.error('startup failed', { error: e });
    dialog.showErrorBox('paku-ecoflow could not start', isCodedError(e) || e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  const service = runtime.service;

  const window = new MainWindow({ preloadPath: join(outDir, 'preload', 'index.cjs'), rendererFile, devUrl, logger: log });
  const disposeIpc = bindIpc({ handlers: service, events: (l) => service.onAny(l), windows: () => window.webContents(), isAppUrl, logger: log });

  // ---- tray ----
  const holder = new TrayStateHolder();
  const images = new GaugeImageCache(platform, () => Math.max(1, ...screen.getAllDisplays().map((d) => d.scaleFactor)));
  const tray = new TrayController<NativeImage, Menu>({
    platform,
    createTray: (image) => new Tray(image),
    image: (look, theme) => images.get(look, theme),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    prefersDark: () => nativeTheme.shouldUseDarkColors,
    onClick: () => window.show(),
    actions: {
      open: () => window.show(),
      openSettings: () => window.show('settings'),
      setSyncPaused: (paused) => void service['sync:setPaused'](paused).then((r) => (r.ok ? undefined : log.warn('sync pause failed', { error: r.error.message }))),
      requestOutput: (req) => void switchOutput(req),
      chooseDevice: (sn) => void service['settings:update']({ trayDevice: sn }),
      setStartAtLogin: (on) => void service['settings:update']({ startAtLogin: on }),
      quit: () => app.quit(),
    },
  });
  const renderTray = () => tray.update(holder.state(systemClock.now()));

  async function switchOutput(req: OutputRequest): Promise<void> {
    const device = holder.state(systemClock.now()).devices.find((d) => d.sn === req.sn);
    const q = outputConfirmation(device?.name || req.sn, req);
    const answer = await dialog.showMessageBox({ type: 'question', message: q.message, detail: q.detail, buttons: [q.confirm, 'Cancel'], defaultId: 1, cancelId: 1 });
    if (answer.response !== 0) return;
    holder.outputSent(req);
    renderTray();
    const r = await service['output:set'](req);
    holder.outputAnswered(req, r.ok ? null : r.error.message);
    renderTray();
  }

  // ---- notifications ----
  let settingsNow: SettingsView | null = null;
  const notifier = new Notifier({
    clock: systemClock,
    config: () => settingsNow?.notifications ?? files.settings.get().notifications,
    show: createNotificationSink({ onClick: () => window.show(), logger: log }),
  });
  let failingSince: number | null = null;
  const feedNotifier = () => {
    const s = holder.state(systemClock.now());
    failingSince = syncFailingSince(failingSince, holder.sync, systemClock.now());
    notifier.update({ devices: s.devices, syncFailingSince: failingSince, syncError: holder.sync?.lastError?.message ?? null });
  };

  // Settings that the OS keeps: theme, start at login (only for an installed app, not a dev run).
  let loginApplied: boolean | null = null;
  const applyPreferences = (v: SettingsView) => {
    nativeTheme.themeSource = v.theme;
    if (v.startAtLogin === loginApplied || !app.isPackaged) return;
    loginApplied = v.startAtLogin;
    if (platform === 'linux') setLinuxAutostart(v.startAtLogin, autostartDir(process.env, app.getPath('home')), [process.env.APPIMAGE ?? process.execPath, '--hidden']);
    else app.setLoginItemSettings({ openAtLogin: v.startAtLogin, args: ['--hidden'] });
  };

  // ---- events from the core ----
  const initial = await service['status:get']();
  if (initial.ok) {
    holder.setCollector(initial.value.collector);
    holder.setSync(initial.value.sync);
  }
  const view = await service['settings:get']();
  if (view.ok) {
    settingsNow = view.value;
    holder.setSettings(view.value);
    applyPreferences(view.value);
  }
  service.on('status:changed', (s) => {
    holder.setCollector(s);
    renderTray();
    feedNotifier();
  });
  service.on('sync:changed', (s) => {
    holder.setSync(s);
    renderTray();
    feedNotifier();
  });
  service.on('settings:changed', (v) => {
    settingsNow = v;
    holder.setSettings(v);
    applyPreferences(v);
    renderTray();
  });
  renderTray();
  feedNotifier();
  notifier.start();
  const refresh = setInterval(renderTray, TRAY_REFRESH_MS);
  nativeTheme.on('updated', () => tray.render());
  screen.on('display-metrics-changed', () => {
    images.clear();
    tray.render();
  });

  // ---- reconnect at once after sleep or a network change ----
  powerMonitor.on('resume', () => runtime.reconnectNow('resume from sleep'));
  let online = net.isOnline();
  const onlinePoll = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) runtime.reconnectNow('network back');
    online = now;
  }, ONLINE_POLL_MS);

  // ---- failures anywhere end up in the log and on the tray, never as a crash ----
  const surface = (kind: string) => (e: unknown) => {
    log.error(kind, { error: e });
    holder.setAppError(e instanceof Error ? e.message : String(e));
    renderTray();
  };
  process.on('uncaughtException', surface('uncaught exception'));
  process.on('unhandledRejection', surface('unhandled rejection'));

  installAppMenu(process.platform, { openSettings: () => window.show('settings'), quit: () => app.quit() });
  installE2eHooks(process.env, { trayClick: () => tray.click(), trayState: () => tray.snapshot(), openSettings: () => window.show('settings'), windowVisible: () => window.isVisible() });
  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());
  // A tray app: the last window closing is not the end.
  app.on('window-all-closed', () => {});

  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    tray.markQuitting();
    window.markQuitting();
    notifier.stop();
    clearInterval(refresh);
    clearInterval(onlinePoll);
    disposeIpc();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => (timer = setTimeout(() => (log.warn('shutdown took longer than 5 s; quitting anyway'), done()), QUIT_FLUSH_MS)));
    void Promise.race([runtime.close(), timeout])
      .catch((e: unknown) => log.error('shutdown failed', { error: e }))
      .finally(() => {
        clearTimeout(timer);
        closed = true;
        log.info('stopped');
        void flushLog().finally(() => app.quit());
      });
  });

  // Started at login: stay in the tray (Windows/Linux pass --hidden; macOS login items take no arguments).
  const atLogin = process.argv.includes('--hidden') || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!atLogin) window.show();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the tray; it shows its window on 'second-instance'.
  app.quit();
} else {
  if (platform === 'darwin') app.dock?.hide();
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  void app.whenReady().then(start);
}
