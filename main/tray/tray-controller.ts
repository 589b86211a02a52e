// Owns the tray icon (Signal's SystemTrayService shape): callers hand in the
// whole desired state, update() is idempotent, and render() touches the Tray
// only where the visible output changed — the image when the gauge look
// changes (not on every MQTT update), the tooltip/title/menu when their text
// does. Electron objects come in through factories, so this runs under Node.
import type { MenuItemConstructorOptions } from 'electron';
import { gaugeKey, gaugeTheme, type GaugeLook, type GaugeTheme, type TrayPlatform } from './gauge-painter';
import { trayMenu, type TrayMenuActions, type TrayMenuState } from './tray-menu';
import { tooltipText, trayModel, type TrayInput, type TrayModel } from './tray-model';

export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
  isDestroyed(): boolean;
}

export type TrayState = TrayInput & Omit<TrayMenuState, 'devices' | 'chosenSn' | 'sync' | 'now'>;

export interface TraySnapshot {
  model: TrayModel;
  tooltip: string;
  theme: GaugeTheme;
  menuLabels: string[];
}

export type TrayControllerOptions<Image, Menu> = Readonly<{
  platform: TrayPlatform;
  createTray: (image: Image) => TrayLike<Image, Menu>;
  /** The gauge image for a look and theme (gauge-image.ts caches them). */
  image: (look: GaugeLook, theme: GaugeTheme) => Image;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  prefersDark: () => boolean;
  actions: TrayMenuActions;
  /** A click on the icon (ignored by some Linux panels; the menu has Open too). */
  onClick: () => void;
}>;

/** Windows truncates tray tooltips at 127 characters. */
const TOOLTIP_MAX: Record<TrayPlatform, number> = { win32: 127, darwin: 1000, linux: 1000 };

export class TrayController<Image, Menu> {
  readonly #opts: TrayControllerOptions<Image, Menu>;
  #tray: TrayLike<Image, Menu> | null = null;
  #state: TrayState | null = null;
  #last: { image?: string; tooltip?: string; title?: string; menu?: string } = {};
  #snapshot: TraySnapshot | null = null;
  #quitting = false;

  constructor(opts: TrayControllerOptions<Image, Menu>) {
    this.#opts = opts;
  }

  update(state: TrayState): void {
    this.#state = state;
    this.render();
  }

  /** Re-renders with the last state (theme or display change). */
  render(): void {
    const state = this.#state;
    if (!state || this.#quitting) return;
    const { platform } = this.#opts;
    const model = trayModel(state);
    const theme = gaugeTheme(platform, model.gauge, this.#opts.prefersDark());
    const imageKey = gaugeKey(model.gauge, theme);
    const tray = this.#ensureTray(model.gauge, theme, imageKey);

    if (imageKey !== this.#last.image) {
      tray.setImage(this.#opts.image(model.gauge, theme));
      this.#last.image = imageKey;
    }
    const tooltip = tooltipText(model.tooltipLines, TOOLTIP_MAX[platform]);
    if (tooltip !== this.#last.tooltip) {
      tray.setToolTip(tooltip);
      this.#last.tooltip = tooltip;
    }
    if (platform === 'darwin' && model.title !== this.#last.title) {
      tray.setTitle(model.title);
      this.#last.title = model.title;
    }
    const template = trayMenu({ ...state, chosenSn: model.sn }, this.#opts.actions);
    const menuKey = JSON.stringify(template, (_k, v: unknown) => (typeof v === 'function' ? undefined : v));
    if (menuKey !== this.#last.menu) {
      tray.setContextMenu(this.#opts.buildMenu(template));
      this.#last.menu = menuKey;
    }
    this.#snapshot = { model, tooltip, theme, menuLabels: labelsOf(template) };
  }

  /** What the tray shows now (e2e hooks, diagnostics). */
  snapshot(): TraySnapshot | null {
    return this.#snapshot;
  }

  /** The same as a click on the icon (e2e hooks). */
  click(): void {
    this.#opts.onClick();
  }

  /** Call before app.quit(): stops rendering and destroys the icon once. */
  markQuitting(): void {
    this.#quitting = true;
    if (this.#tray && !this.#tray.isDestroyed()) this.#tray.destroy();
    this.#tray = null;
  }

  #ensureTray(look: GaugeLook, theme: GaugeTheme, imageKey: string): TrayLike<Image, Menu> {
    if (this.#tray && !this.#tray.isDestroyed()) return this.#tray;
    const tray = this.#opts.createTray(this.#opts.image(look, theme));
    tray.on('click', () => this.#opts.onClick());
    this.#tray = tray;
    this.#last = { image: imageKey };
    return tray;
  }
}

function labelsOf(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => (i.type === 'separator' ? [] : [i.label ?? '', ...(Array.isArray(i.submenu) ? labelsOf(i.submenu).map((l) => `  ${l}`) : [])]));
}
