import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { GaugeLook, GaugeTheme } from '../../../../main/tray/gauge-painter';
import { TrayController, type TrayLike, type TrayState } from '../../../../main/tray/tray-controller';
import type { TrayMenuActions } from '../../../../main/tray/tray-menu';
import { T0, device } from './device-fixture';

type Img = { look: GaugeLook; theme: GaugeTheme };
type Menu = { template: MenuItemConstructorOptions[] };

class FakeTray implements TrayLike<Img, Menu> {
  calls: string[] = [];
  image: Img;
  tooltip = '';
  title = '';
  menu: Menu | null = null;
  destroyed = false;
  clickListeners: (() => void)[] = [];
  constructor(image: Img) {
    this.image = image;
  }
  setImage(image: Img) {
    this.calls.push('setImage');
    this.image = image;
  }
  setToolTip(t: string) {
    this.calls.push('setToolTip');
    this.tooltip = t;
  }
  setTitle(t: string) {
    this.calls.push('setTitle');
    this.title = t;
  }
  setContextMenu(m: Menu | null) {
    this.calls.push('setContextMenu');
    this.menu = m;
  }
  on(_e: 'click', l: () => void) {
    this.clickListeners.push(l);
    return this;
  }
  destroy() {
    if (this.destroyed) throw new Error('destroyed twice');
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const noop: TrayMenuActions = {
  open() {},
  openSettings() {},
  setSyncPaused() {},
  requestOutput() {},
  chooseDevice() {},
  setStartAtLogin() {},
  quit() {},
};

function setup(platform: 'darwin' | 'win32' | 'linux' = 'win32') {
  const trays: FakeTray[] = [];
  let painted = 0;
  let clicks = 0;
  const ctl = new TrayController<Img, Menu>({
    platform,
    createTray: (img) => {
      const t = new FakeTray(img);
      trays.push(t);
      return t;
    },
    image: (look, theme) => (painted++, { look, theme }),
    buildMenu: (template) => ({ template }),
    prefersDark: () => true,
    actions: noop,
    onClick: () => void clicks++,
  });
  return { ctl, trays, painted: () => painted, clicks: () => clicks };
}

const state = (soc: number, over: Partial<TrayState> = {}): TrayState => ({
  devices: [device({ latest: { socPercent: soc, wattsOut: 240 + soc } })],
  chosenSn: null,
  lowPercent: 20,
  connection: 'connected',
  cloudError: null,
  sync: { state: 'ok', lastSyncedTs: T0 },
  appError: null,
  now: T0,
  startAtLogin: false,
  inFlight: [],
  failures: [],
  ...over,
});

describe('tray controller', () => {
  it('creates the tray once with the gauge and sets tooltip and menu', () => {
    const { ctl, trays } = setup();
    ctl.update(state(73));
    expect(trays).toHaveLength(1);
    const t = trays[0]!;
    expect(t.image.look.bucket).toBe(70);
    expect(t.tooltip).toMatch(/^Delta Pro 73 %/);
    expect(t.menu?.template[0]?.label).toMatch(/^Delta Pro 73 %/);
    expect(t.calls).toEqual(['setToolTip', 'setContextMenu']);
  });

  it('does not call setImage again while the bucket stays the same', () => {
    const { ctl, trays, painted } = setup();
    ctl.update(state(71));
    ctl.update(state(72));
    ctl.update(state(74.9));
    const t = trays[0]!;
    expect(t.calls.filter((c) => c === 'setImage')).toHaveLength(0);
    expect(painted()).toBe(1);
    ctl.update(state(75));
    expect(t.calls.filter((c) => c === 'setImage')).toHaveLength(1);
    expect(t.image.look.bucket).toBe(75);
  });

  it('is idempotent: the same state touches nothing', () => {
    const { ctl, trays } = setup();
    ctl.update(state(50));
    const before = trays[0]!.calls.length;
    ctl.update(state(50));
    ctl.render();
    expect(trays[0]!.calls.length).toBe(before);
  });

  it('updates only the tooltip when only the text changes', () => {
    const { ctl, trays } = setup();
    ctl.update(state(50));
    trays[0]!.calls = [];
    ctl.update(state(50, { sync: { state: 'paused', lastSyncedTs: T0 } }));
    expect(trays[0]!.calls).toEqual(['setToolTip', 'setContextMenu']);
  });

  it('redraws for charging, low, stale and error', () => {
    const { ctl, trays } = setup();
    ctl.update(state(50));
    ctl.update(state(50, { devices: [device({ latest: { socPercent: 50, chargeState: 1 } })] }));
    ctl.update(state(10));
    ctl.update(state(10, { devices: [device({ state: 'offline', latest: { socPercent: 10 } })] }));
    ctl.update(state(10, { appError: 'crashed' }));
    expect(trays[0]!.calls.filter((c) => c === 'setImage')).toHaveLength(4);
    expect(trays[0]!.image.look).toMatchObject({ low: true, stale: false, error: true });
  });

  it('uses template images and the title on macOS', () => {
    const { ctl, trays } = setup('darwin');
    ctl.update(state(73));
    expect(trays[0]!.image.theme).toBe('template');
    expect(trays[0]!.title).toBe('73%');
    ctl.update(state(12));
    expect(trays[0]!.image.theme).toBe('dark');
  });

  it('keeps the Windows tooltip within 127 characters', () => {
    const { ctl, trays } = setup('win32');
    const many = ['A', 'B', 'C', 'D'].map((n) => device({ sn: n, name: `Station ${n} with a long name` }));
    ctl.update(state(50, { devices: many }));
    expect(trays[0]!.tooltip.length).toBeLessThanOrEqual(127);
    expect(ctl.snapshot()?.model.tooltipLines).toHaveLength(4);
  });

  it('opens the window on click and through the e2e hook', () => {
    const { ctl, trays, clicks } = setup();
    ctl.update(state(50));
    trays[0]!.clickListeners.forEach((l) => l());
    ctl.click();
    expect(clicks()).toBe(2);
  });

  it('destroys the tray once when quitting and stops rendering', () => {
    const { ctl, trays } = setup();
    ctl.update(state(50));
    ctl.markQuitting();
    ctl.markQuitting();
    ctl.update(state(90));
    expect(trays).toHaveLength(1);
    expect(trays[0]!.destroyed).toBe(true);
  });

  it('reports a snapshot for the e2e hooks', () => {
    const { ctl } = setup();
    expect(ctl.snapshot()).toBeNull();
    ctl.update(state(50));
    expect(ctl.snapshot()).toMatchObject({ model: { gauge: { bucket: 50 } }, theme: 'dark' });
    expect(ctl.snapshot()?.menuLabels).toContain('Quit paku-ecoflow');
  });
});
