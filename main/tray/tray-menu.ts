// Pure: tray state → context-menu template. Linux (AppIndicator) may ignore
// clicks on the icon, so Open/Settings/Pause sync/Quit are always in the menu.
// Output toggles show "turning on…" until the device reports the new state.
import type { MenuItemConstructorOptions } from 'electron';
import type { DeviceStatus, OutputKind } from '../../common/schemas';
import { OUTPUT_FIELD } from '../core/ecoflow/output-commands';
import { chosenDevice, deviceLine, isStale, type TraySyncInfo } from './tray-model';

export interface OutputRequest {
  sn: string;
  output: OutputKind;
  on: boolean;
}

export interface OutputFailure extends OutputRequest {
  message: string;
}

export interface TrayMenuState {
  devices: readonly DeviceStatus[];
  /** The device on the icon (listed first, inline). */
  chosenSn: string | null;
  sync: TraySyncInfo;
  startAtLogin: boolean;
  /** Commands sent but not yet accepted by the cloud. */
  inFlight: readonly OutputRequest[];
  /** The last failed command per device output. */
  failures: readonly OutputFailure[];
  now: number;
}

export interface TrayMenuActions {
  open(): void;
  openSettings(): void;
  setSyncPaused(paused: boolean): void;
  /** Asks for confirmation, then switches the output. */
  requestOutput(req: OutputRequest): void;
  chooseDevice(sn: string): void;
  setStartAtLogin(on: boolean): void;
  quit(): void;
}

export const OUTPUT_LABELS: Record<OutputKind, string> = {
  ac: 'AC output',
  dc: 'DC / USB output',
  car: '12 V car output',
};

/** The question asked before switching an output. */
export function outputConfirmation(deviceName: string, req: OutputRequest): { message: string; detail: string; confirm: string } {
  const what = OUTPUT_LABELS[req.output];
  return req.on
    ? { message: `Turn on ${what} on ${deviceName}?`, detail: 'Anything plugged into it gets power.', confirm: 'Turn on' }
    : { message: `Turn off ${what} on ${deviceName}?`, detail: 'Anything plugged into it loses power.', confirm: 'Turn off' };
}

function outputItems(d: DeviceStatus, state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  if (!d.supported) return [{ label: 'Outputs: not supported for this model', enabled: false }];
  const reachable = !isStale(d);
  const items: MenuItemConstructorOptions[] = [];
  for (const output of Object.keys(OUTPUT_LABELS) as OutputKind[]) {
    const label = OUTPUT_LABELS[output];
    const value = d.latest?.[OUTPUT_FIELD[output]] ?? null;
    const pending = d.pendingOutputs.find((p) => p.output === output) ?? state.inFlight.find((p) => p.sn === d.sn && p.output === output);
    if (pending) items.push({ label: `${label}: turning ${pending.on ? 'on' : 'off'}…`, enabled: false });
    else if (value === null) items.push({ label: `${label}: unknown`, enabled: false });
    else {
      const on = value === 1;
      items.push({ label, type: 'checkbox', checked: on, enabled: reachable, click: () => actions.requestOutput({ sn: d.sn, output, on: !on }) });
    }
    const failure = state.failures.find((f) => f.sn === d.sn && f.output === output);
    if (failure) items.push({ label: `⚠ ${label} failed: ${failure.message}`, enabled: false });
  }
  return items;
}

export function trayMenu(state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  const chosen = chosenDevice(state.devices, state.chosenSn);
  const others = state.devices.filter((d) => d !== chosen);
  const line = (d: DeviceStatus) => deviceLine(d, state.sync, state.now);
  const items: MenuItemConstructorOptions[] = [];

  if (chosen) items.push({ label: line(chosen), enabled: false }, ...outputItems(chosen, state, actions));
  else items.push({ label: 'No devices yet', enabled: false });
  if (others.length) {
    items.push({ type: 'separator' });
    for (const d of others) {
      items.push({
        label: line(d),
        submenu: [...outputItems(d, state, actions), { type: 'separator' }, { label: 'Show on the tray icon', click: () => actions.chooseDevice(d.sn) }],
      });
    }
  }

  const sync: MenuItemConstructorOptions =
    state.sync.state === 'off'
      ? { label: 'Pause sync (sync not set up)', enabled: false }
      : state.sync.state === 'paused'
        ? { label: 'Resume sync', click: () => actions.setSyncPaused(false) }
        : { label: 'Pause sync', click: () => actions.setSyncPaused(true) };

  items.push(
    { type: 'separator' },
    { label: 'Open', click: () => actions.open() },
    { label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    sync,
    { label: 'Start at login', type: 'checkbox', checked: state.startAtLogin, click: () => actions.setStartAtLogin(!state.startAtLogin) },
    { type: 'separator' },
    { label: 'Quit paku-ecoflow', click: () => actions.quit() },
  );
  return items;
}
