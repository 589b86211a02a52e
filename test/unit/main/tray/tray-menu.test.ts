import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { outputConfirmation, trayMenu, type TrayMenuActions, type TrayMenuState } from '../../../../main/tray/tray-menu';
import { T0, device } from './device-fixture';

function recorder(): { actions: TrayMenuActions; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  return {
    calls,
    actions: {
      open: rec('open'),
      openSettings: rec('openSettings'),
      setSyncPaused: rec('setSyncPaused'),
      requestOutput: rec('requestOutput'),
      chooseDevice: rec('chooseDevice'),
      setStartAtLogin: rec('setStartAtLogin'),
      quit: rec('quit'),
    },
  };
}

const state = (over: Partial<TrayMenuState> = {}): TrayMenuState => ({
  devices: [device({ latest: { acOutEnabled: 1, dcOutEnabled: 0, carOutEnabled: 0 } })],
  chosenSn: null,
  sync: { state: 'ok', lastSyncedTs: T0 },
  startAtLogin: false,
  inFlight: [],
  failures: [],
  now: T0,
  ...over,
});

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const byLabel = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label} in ${labels(items).join(' | ')}`);
  return found;
};
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('tray menu', () => {
  it('lists status, outputs, Open, Settings, sync, login and Quit', () => {
    expect(labels(trayMenu(state(), recorder().actions))).toEqual([
      'Delta Pro 73 % · ↓ 240 W · 3 h 10 m left · synced just now',
      'AC output',
      'DC / USB output',
      '12 V car output',
      '---',
      'Open',
      'Settings…',
      '---',
      'Pause sync',
      'Start at login',
      '---',
      'Quit paku-ecoflow',
    ]);
  });

  it('always has Open, Settings and Quit even with no devices (Linux ignores icon clicks)', () => {
    const { actions, calls } = recorder();
    const items = trayMenu(state({ devices: [], sync: { state: 'off', lastSyncedTs: null } }), actions);
    expect(labels(items)).toContain('No devices yet');
    click(byLabel(items, 'Open'));
    click(byLabel(items, 'Settings…'));
    click(byLabel(items, 'Quit paku-ecoflow'));
    expect(calls).toEqual([['open'], ['openSettings'], ['quit']]);
    expect(byLabel(items, 'Pause sync (sync not set up)').enabled).toBe(false);
  });

  it('shows outputs as checkboxes and asks to switch to the opposite state', () => {
    const { actions, calls } = recorder();
    const items = trayMenu(state(), actions);
    expect(byLabel(items, 'AC output')).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
    expect(byLabel(items, 'DC / USB output')).toMatchObject({ type: 'checkbox', checked: false });
    click(byLabel(items, 'AC output'));
    click(byLabel(items, 'DC / USB output'));
    expect(calls).toEqual([
      ['requestOutput', { sn: 'DCABZ1234567', output: 'ac', on: false }],
      ['requestOutput', { sn: 'DCABZ1234567', output: 'dc', on: true }],
    ]);
  });

  it('shows a pending switch until the device reports it, from the core or in flight', () => {
    const d = device({ latest: { acOutEnabled: 1, dcOutEnabled: 0, carOutEnabled: 0 }, pendingOutputs: [{ output: 'ac', on: false, sinceTs: T0 }] });
    const items = trayMenu(state({ devices: [d], inFlight: [{ sn: d.sn, output: 'car', on: true }] }), recorder().actions);
    expect(byLabel(items, 'AC output: turning off…').enabled).toBe(false);
    expect(byLabel(items, '12 V car output: turning on…').enabled).toBe(false);
  });

  it('reports a failed switch', () => {
    const items = trayMenu(state({ failures: [{ sn: 'DCABZ1234567', output: 'ac', on: false, message: 'device did not answer' }] }), recorder().actions);
    expect(labels(items)).toContain('⚠ AC output failed: device did not answer');
  });

  it('disables toggles while the device is offline and hides them for unsupported models', () => {
    const off = device({ state: 'offline', online: false, latest: { acOutEnabled: 1 } });
    expect(byLabel(trayMenu(state({ devices: [off] }), recorder().actions), 'AC output').enabled).toBe(false);
    const unknown = device({ supported: false });
    expect(labels(trayMenu(state({ devices: [unknown] }), recorder().actions))).toContain('Outputs: not supported for this model');
    const noFlags = device();
    expect(labels(trayMenu(state({ devices: [noFlags] }), recorder().actions))).toContain('AC output: unknown');
  });

  it('puts the chosen device first and the others in submenus', () => {
    const { actions, calls } = recorder();
    const a = device({ sn: 'A1', name: 'Garage' });
    const b = device({ sn: 'B2', name: 'Cabin' });
    const items = trayMenu(state({ devices: [a, b], chosenSn: 'B2' }), actions);
    expect(items[0]?.label).toMatch(/^Cabin /);
    const other = items.find((i) => typeof i.label === 'string' && i.label.startsWith('Garage '));
    const sub = other?.submenu as MenuItemConstructorOptions[];
    click(byLabel(sub, 'Show on the tray icon'));
    expect(calls).toEqual([['chooseDevice', 'A1']]);
  });

  it('toggles sync pause and start at login', () => {
    const { actions, calls } = recorder();
    click(byLabel(trayMenu(state(), actions), 'Pause sync'));
    const paused = trayMenu(state({ sync: { state: 'paused', lastSyncedTs: null }, startAtLogin: true }), actions);
    click(byLabel(paused, 'Resume sync'));
    expect(byLabel(paused, 'Start at login').checked).toBe(true);
    click(byLabel(paused, 'Start at login'));
    expect(calls).toEqual([['setSyncPaused', true], ['setSyncPaused', false], ['setStartAtLogin', false]]);
  });

  it('words the confirmation', () => {
    expect(outputConfirmation('Delta Pro', { sn: 'x', output: 'ac', on: false })).toEqual({
      message: 'Turn off AC output on Delta Pro?',
      detail: 'Anything plugged into it loses power.',
      confirm: 'Turn off',
    });
  });
});
