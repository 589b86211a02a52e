// Pure notification rules: a state machine over status snapshots. Each alert
// fires once per episode and re-arms only after the condition has clearly
// ended (SoC hysteresis, device back live, sync working again), so a level
// hovering at a threshold does not flood the desktop. Disabled kinds are still
// tracked, so switching one on later does not replay old episodes.
import type { NotificationKind, Settings } from '../../common/settings';
import type { DeviceStatus } from '../../common/schemas';
import { formatAgo, formatDuration } from '../tray/tray-model';

export type NotifyConfig = Settings['notifications'];

export interface NotifySnapshot {
  now: number;
  devices: readonly DeviceStatus[];
  /** When sync started failing (null when working, off or paused), and why. */
  syncFailingSince: number | null;
  syncError: string | null;
}

export interface Notice {
  /** The switch that governs it. */
  kind: NotificationKind;
  /** Distinguishes e.g. grid lost from grid restored. */
  event: 'low' | 'critical' | 'charged' | 'grid-lost' | 'grid-restored' | 'offline' | 'stalled' | 'sync-failing';
  sn: string | null;
  title: string;
  body: string;
}

interface DeviceRules {
  lowFired: boolean;
  criticalFired: boolean;
  chargedFired: boolean;
  grid: 'unknown' | 'present' | 'lost';
  gridMissingSince: number | null;
  gridLostAt: number | null;
  offlineFired: boolean;
  stalledFired: boolean;
}

export interface NotifyState {
  devices: Readonly<Record<string, DeviceRules>>;
  syncFired: boolean;
}

export const INITIAL_NOTIFY_STATE: NotifyState = { devices: {}, syncFired: false };

/** Percentage points SoC must recover past a threshold before its alert re-arms. */
export const SOC_HYSTERESIS = 5;
/** AC input voltage above this means the grid is there; watts are the fallback. */
const GRID_VOLTS = 80;
const GRID_WATTS = 5;

const fresh = (d: DeviceStatus) => (d.state === 'live' || d.state === 'snapshot') && d.online !== false;
const offline = (d: DeviceStatus) => d.state === 'offline' || d.online === false;

function gridPresent(d: DeviceStatus): boolean | null {
  const r = d.latest;
  if (!r) return null;
  if (r.acInVolts !== null) return r.acInVolts > GRID_VOLTS;
  if (r.acInWatts !== null) return r.acInWatts > GRID_WATTS;
  return null;
}

function stepDevice(prev: DeviceRules | undefined, d: DeviceStatus, now: number, cfg: NotifyConfig, out: Notice[]): DeviceRules {
  const name = d.name || d.model || d.sn;
  const soc = d.latest?.socPercent ?? null;
  const target = d.latest?.chargeLimitPercent ?? 100;
  const s: DeviceRules = prev
    ? { ...prev }
    : {
        lowFired: false,
        criticalFired: false,
        // A battery already full at start is not news.
        chargedFired: soc !== null && soc >= target - SOC_HYSTERESIS,
        grid: 'unknown',
        gridMissingSince: null,
        gridLostAt: null,
        offlineFired: false,
        stalledFired: false,
      };
  const emit = (kind: NotificationKind, event: Notice['event'], title: string, body: string) => out.push({ kind, event, sn: d.sn, title, body });

  if (offline(d)) {
    if (!s.offlineFired) emit('deviceOffline', 'offline', `${name} is offline`, `${d.reason || 'The EcoFlow cloud reports it offline'}. Check its Wi-Fi and power.`);
    s.offlineFired = true;
  } else if (fresh(d)) s.offlineFired = false;

  const silentMs = d.lastDataTs === null ? 0 : now - d.lastDataTs;
  const stalled = !offline(d) && (d.state === 'stalled' || silentMs > cfg.staleAfterMin * 60_000);
  if (stalled) {
    if (!s.stalledFired) {
      const when = d.lastDataTs === null ? 'No data yet' : `Last data ${formatAgo(silentMs)}`;
      emit('stalled', 'stalled', `No new data from ${name}`, `${when}: ${d.reason || 'the cloud stream is quiet'}.`);
    }
    s.stalledFired = true;
  } else if (fresh(d)) s.stalledFired = false;

  if (!fresh(d) || soc === null) return s;

  if (soc < cfg.criticalSoc) {
    if (!s.criticalFired) emit('criticalSoc', 'critical', `${name} battery critical`, `${Math.round(soc)} % left. Plug it in or switch loads off.`);
    s.criticalFired = true;
    s.lowFired = true; // critical says more than low; do not send both
  } else if (soc >= cfg.criticalSoc + SOC_HYSTERESIS) s.criticalFired = false;

  if (soc < cfg.lowSoc) {
    if (!s.lowFired) {
      const left = d.latest?.minutesToEmpty ? ` About ${formatDuration(d.latest.minutesToEmpty)} left at the current load.` : '';
      emit('lowSoc', 'low', `${name} battery low`, `${Math.round(soc)} % left (alert under ${cfg.lowSoc} %).${left}`);
    }
    s.lowFired = true;
  } else if (soc >= cfg.lowSoc + SOC_HYSTERESIS) s.lowFired = false;

  if (soc >= target) {
    if (!s.chargedFired) emit('chargeComplete', 'charged', `${name} is charged`, `Reached ${Math.round(soc)} %.`);
    s.chargedFired = true;
  } else if (soc <= target - SOC_HYSTERESIS) s.chargedFired = false;

  const present = gridPresent(d);
  if (present === true) {
    if (s.grid === 'lost') {
      const away = s.gridLostAt === null ? '' : ` after ${formatDuration((now - s.gridLostAt) / 60_000)}`;
      emit('gridLost', 'grid-restored', `Grid power is back at ${name}`, `AC input returned${away}.`);
    }
    s.grid = 'present';
    s.gridMissingSince = null;
  } else if (present === false && s.grid === 'present') {
    s.gridMissingSince ??= now;
    if (now - s.gridMissingSince >= cfg.gridLostAfterSec * 1000) {
      emit('gridLost', 'grid-lost', `Grid power lost at ${name}`, `No AC input for ${Math.round((now - s.gridMissingSince) / 1000)} s; running on battery (${Math.round(soc)} %).`);
      s.grid = 'lost';
      s.gridLostAt = s.gridMissingSince;
    }
  }
  return s;
}

/** One step: the next state and the notices to show (disabled kinds filtered out). */
export function stepNotifications(prev: NotifyState, snap: NotifySnapshot, cfg: NotifyConfig): { state: NotifyState; notices: Notice[] } {
  const all: Notice[] = [];
  const devices: Record<string, DeviceRules> = {};
  for (const d of snap.devices) devices[d.sn] = stepDevice(prev.devices[d.sn], d, snap.now, cfg, all);

  let syncFired = prev.syncFired;
  if (snap.syncFailingSince === null) syncFired = false;
  else if (snap.now - snap.syncFailingSince >= cfg.syncFailingAfterMin * 60_000) {
    if (!syncFired) {
      all.push({
        kind: 'syncFailing',
        event: 'sync-failing',
        sn: null,
        title: 'Sync to PostgreSQL is failing',
        body: `Failing for ${formatDuration((snap.now - snap.syncFailingSince) / 60_000)}: ${snap.syncError ?? 'unknown error'}. Readings are kept locally and sent once it works.`,
      });
    }
    syncFired = true;
  }
  return { state: { devices, syncFired }, notices: all.filter((n) => cfg.enabled[n.kind]) };
}
