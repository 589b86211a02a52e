// Pure: what the tray shows, derived from the device statuses. The 5 % bucket
// quantization lives here, so the icon is redrawn only when the visible gauge
// would change, not on every MQTT update.
import type { AppError } from '../../common/result';
import type { CloudConnection, DeviceStatus } from '../../common/schemas';
import type { GaugeLook } from './gauge-painter';

/** What the tray needs to know about the Postgres sync. */
export interface TraySyncInfo {
  state: 'off' | 'paused' | 'ok' | 'failing';
  lastSyncedTs: number | null;
}

export interface TrayInput {
  devices: readonly DeviceStatus[];
  /** The device the icon shows; null or unknown means the first one. */
  chosenSn: string | null;
  lowPercent: number;
  connection: CloudConnection;
  cloudError: AppError | null;
  sync: TraySyncInfo;
  /** A process-level failure (uncaught exception) to surface, or null. */
  appError: string | null;
  now: number;
}

export interface TrayModel {
  /** Serial of the device on the icon, or null when there is none. */
  sn: string | null;
  gauge: GaugeLook;
  /** One line per device, problems first. */
  tooltipLines: string[];
  /** macOS menu-bar text next to the icon. */
  title: string;
}

const STALE_STATES: ReadonlySet<DeviceStatus['state']> = new Set(['connecting', 'stalled', 'assumed-offline', 'offline']);

/** 5 % steps, floored so 4.9 % still reads 0 and 99.9 % reads 95. */
export function socBucket(percent: number | null | undefined): number | null {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return null;
  return Math.min(100, Math.max(0, Math.floor(percent / 5) * 5));
}

export function isStale(d: DeviceStatus): boolean {
  return STALE_STATES.has(d.state) || d.online === false;
}

export function chosenDevice(devices: readonly DeviceStatus[], sn: string | null): DeviceStatus | null {
  return devices.find((d) => d.sn === sn) ?? devices[0] ?? null;
}

export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} m` : `${h} h`;
}

export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

const watts = (w: number) => `${Math.round(w)} W`;

function flowPart(d: DeviceStatus): string | null {
  const r = d.latest;
  if (!r) return null;
  if (r.chargeState === 1 || (r.chargeState === null && (r.wattsIn ?? 0) > (r.wattsOut ?? 0) + 5)) {
    const full = r.minutesToFull !== null && r.minutesToFull > 0 ? ` · full in ${formatDuration(r.minutesToFull)}` : '';
    return `↑ ${watts(r.wattsIn ?? 0)}${full}`;
  }
  if ((r.wattsOut ?? 0) > 0) {
    const left = r.minutesToEmpty !== null && r.minutesToEmpty > 0 ? ` · ${formatDuration(r.minutesToEmpty)} left` : '';
    return `↓ ${watts(r.wattsOut ?? 0)}${left}`;
  }
  return 'idle';
}

function syncPart(sync: TraySyncInfo, now: number): string | null {
  switch (sync.state) {
    case 'off':
      return null;
    case 'paused':
      return 'sync paused';
    case 'failing':
      return sync.lastSyncedTs === null ? 'sync failing' : `sync failing, last synced ${formatAgo(now - sync.lastSyncedTs)}`;
    case 'ok':
      return sync.lastSyncedTs === null ? 'not synced yet' : `synced ${formatAgo(now - sync.lastSyncedTs)}`;
  }
}

/** One status line: `Delta Pro 73 % · ↓ 240 W · 3 h 10 m left · synced 2 min ago`. */
export function deviceLine(d: DeviceStatus, sync: TraySyncInfo, now: number): string {
  const soc = d.latest?.socPercent;
  const head = `${d.name || d.model || d.sn}${soc === null || soc === undefined ? '' : ` ${Math.round(soc)} %`}`;
  const parts = [head];
  if (isStale(d)) {
    parts.push(d.state === 'connecting' ? 'connecting' : d.reason || d.state);
    if (d.lastDataTs !== null) parts.push(`last data ${formatAgo(now - d.lastDataTs)}`);
  } else {
    const flow = flowPart(d);
    if (flow) parts.push(flow);
  }
  const s = syncPart(sync, now);
  if (s) parts.push(s);
  return parts.join(' · ');
}

function errorLine(input: TrayInput): string | null {
  if (input.appError) return `Problem: ${input.appError}`;
  if (input.connection === 'auth-failed' || input.cloudError) return input.cloudError?.message ?? 'EcoFlow rejected the keys: check them in Settings';
  if (input.connection === 'not-configured') return 'Not set up: add your EcoFlow keys in Settings';
  return null;
}

export function trayModel(input: TrayInput): TrayModel {
  const d = chosenDevice(input.devices, input.chosenSn);
  const soc = d?.latest?.socPercent ?? null;
  const stale = d === null || isStale(d);
  const problem = errorLine(input);
  const error = input.appError !== null || input.connection === 'auth-failed' || input.cloudError !== null;
  const gauge: GaugeLook = {
    bucket: socBucket(soc),
    charging: d?.latest?.chargeState === 1,
    low: soc !== null && soc < input.lowPercent,
    stale,
    error,
  };
  const lines = input.devices.map((x) => deviceLine(x, input.sync, input.now));
  const tooltipLines = [...(problem ? [problem] : []), ...(lines.length ? lines : ['No devices yet'])];
  const title = soc === null ? '' : `${Math.round(soc)}%${stale ? '?' : ''}${error ? '!' : ''}`;
  return { sn: d?.sn ?? null, gauge, tooltipLines, title };
}

/** Joined tooltip; Windows cuts tooltips at 127 characters, so keep whole lines that fit. */
export function tooltipText(lines: readonly string[], maxLength = Infinity): string {
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > maxLength) return out || line.slice(0, Math.max(0, maxLength - 1)) + '…';
    out = next;
  }
  return out;
}
