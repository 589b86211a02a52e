// The one window (dashboard, charts, settings), loaded from the built
// renderer. Hardened webPreferences are spelled out even where they are the
// defaults, so a reviewer sees them. Closing hides the window: the app lives
// in the tray until Quit. Navigation/permission guards are applied to every
// webContents by main/index.ts ('web-contents-created' → web-security.ts).
import { BrowserWindow, type WebContents } from 'electron';
import type { Logger } from './core/logger';

export interface MainWindowOptions {
  preloadPath: string;
  rendererFile: string;
  /** electron-vite's dev server, when running `electron-vite dev`. */
  devUrl: string | null;
  logger: Logger;
}

export class MainWindow {
  readonly #opts: MainWindowOptions;
  #win: BrowserWindow | null = null;
  #quitting = false;

  constructor(opts: MainWindowOptions) {
    this.#opts = opts;
  }

  /** Shows the window (creating it when needed); `settings` opens the settings dialog. */
  show(view: 'dashboard' | 'settings' = 'dashboard'): void {
    let win = this.#live();
    if (!win) win = this.#create(view);
    // The renderer opens its settings dialog on #settings (hashchange).
    else if (view === 'settings') void win.webContents.executeJavaScript("location.hash = 'settings'").catch(() => {});
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  #live(): BrowserWindow | null {
    return this.#win && !this.#win.isDestroyed() ? this.#win : null;
  }

  webContents(): WebContents[] {
    const win = this.#live();
    return win ? [win.webContents] : [];
  }

  isVisible(): boolean {
    return this.#live()?.isVisible() ?? false;
  }

  /** From now on closing really closes (Quit). */
  markQuitting(): void {
    this.#quitting = true;
  }

  #create(view: 'dashboard' | 'settings'): BrowserWindow {
    const win = new BrowserWindow({
      width: 1100,
      height: 760,
      minWidth: 640,
      minHeight: 480,
      show: false,
      title: 'paku-ecoflow',
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.#opts.preloadPath,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
      },
    });
    win.on('close', (event) => {
      if (this.#quitting) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      if (this.#win === win) this.#win = null;
    });
    const hash = view === 'settings' ? 'settings' : '';
    const load = this.#opts.devUrl ? win.loadURL(`${this.#opts.devUrl}#${hash}`) : win.loadFile(this.#opts.rendererFile, { hash });
    load.catch((e: unknown) => this.#opts.logger.error('the window could not load', { error: e }));
    this.#win = win;
    return win;
  }
}
