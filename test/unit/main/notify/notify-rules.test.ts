import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/settings';
import type { DeviceStatus, SyncStatus } from '../../../../common/schemas';
import { ManualClock } from '../../../../main/core/clock';
import { Notifier, NOTIFY_TICK_MS, syncFailingSince } from '../../../../main/notify/notifier';
import { INITIAL_NOTIFY_STATE, stepNotifications, type Notice, type NotifyConfig, type NotifyState } from '../../../../main/notify/notify-rules';
import { T0, device } from '../tray/device-fixture';
import { syncStatus } from '../core/app-service.fakes';

const cfg: NotifyConfig = DEFAULT_SETTINGS.notifications; // low 20, critical 10, grid 30 s, stale 10 min, sync 30 min

/** Feeds snapshots in order and collects the events fired. */
function run(steps: { devices: DeviceStatus[]; now?: number; syncFailingSince?: number | null }[], config = cfg): Notice['event'][][] {
  let state: NotifyState = INITIAL_NOTIFY_STATE;
  return steps.map((s, i) => {
    const r = stepNotifications(state, { devices: s.devices, now: s.now ?? T0 + i * 1000, syncFailingSince: s.syncFailingSince ?? null, syncError: 'pg refused' }, config);
    state = r.state;
    return r.notices.map((n) => n.event);
  });
}

const soc = (socPercent: number, extra: Parameters<typeof device>[0] = {}) => device({ ...extra, latest: { socPercent, ...(extra.latest ?? {}) } });

describe('notification rules', () => {
  it('fires low once, with hysteresis before it re-arms', () => {
    const events = run([25, 19, 18, 21, 19, 24.9, 19, 25, 19].map((p) => ({ devices: [soc(p)] })));
    expect(events).toEqual([[], ['low'], [], [], [], [], [], [], ['low']]);
  });

  it('fires critical instead of both when the level drops straight under it', () => {
    expect(run([{ devices: [soc(30)] }, { devices: [soc(8)] }, { devices: [soc(9)] }])).toEqual([[], ['critical'], []]);
    expect(run([{ devices: [soc(15)] }, { devices: [soc(9)] }, { devices: [soc(12)] }, { devices: [soc(16)] }, { devices: [soc(9)] }])).toEqual([
      ['low'],
      ['critical'],
      [],
      [],
      ['critical'],
    ]);
  });

  it('says charge complete when reaching the charge limit, not at start when already full', () => {
    expect(run([{ devices: [soc(100)] }, { devices: [soc(100)] }])).toEqual([[], []]);
    expect(run([94, 99, 100, 98, 100, 94, 100].map((p) => ({ devices: [soc(p)] })))).toEqual([[], [], ['charged'], [], [], [], ['charged']]);
    const limited = (p: number) => soc(p, { latest: { chargeLimitPercent: 80 } });
    expect(run([{ devices: [limited(70)] }, { devices: [limited(80)] }])).toEqual([[], ['charged']]);
  });

  it('reports grid lost after N s without AC input and restored when it returns', () => {
    const ac = (volts: number) => soc(60, { latest: { acInVolts: volts } });
    const events = run([
      { devices: [ac(230)], now: T0 },
      { devices: [ac(0)], now: T0 + 1_000 },
      { devices: [ac(0)], now: T0 + 20_000 },
      { devices: [ac(230)], now: T0 + 25_000 }, // a blip shorter than 30 s: nothing
      { devices: [ac(0)], now: T0 + 40_000 },
      { devices: [ac(0)], now: T0 + 70_000 },
      { devices: [ac(0)], now: T0 + 80_000 },
      { devices: [ac(231)], now: T0 + 300_000 },
    ]);
    expect(events).toEqual([[], [], [], [], [], ['grid-lost'], [], ['grid-restored']]);
  });

  it('never calls the grid lost for a device that never had it', () => {
    expect(run([0, 0, 0].map((v, i) => ({ devices: [soc(60, { latest: { acInVolts: v } })], now: T0 + i * 60_000 })))).toEqual([[], [], []]);
  });

  it('reports a device going offline once per episode', () => {
    const off = soc(50, { state: 'offline', online: false, reason: 'device offline' });
    expect(run([{ devices: [soc(50)] }, { devices: [off] }, { devices: [off] }, { devices: [soc(50)] }, { devices: [off] }])).toEqual([
      [],
      ['offline'],
      [],
      [],
      ['offline'],
    ]);
  });

  it('reports stalled data by state or by silence longer than the setting', () => {
    const quiet = (min: number) => ({ devices: [soc(50, { lastDataTs: T0 })], now: T0 + min * 60_000 });
    expect(run([quiet(1), quiet(9), quiet(11), quiet(20)])).toEqual([[], [], ['stalled'], []]);
    expect(run([{ devices: [soc(50, { state: 'stalled' })] }])).toEqual([['stalled']]);
  });

  it('reports sync failing only after the configured minutes, once', () => {
    const since = T0;
    const at = (min: number, failing: number | null = since) => ({ devices: [], now: T0 + min * 60_000, syncFailingSince: failing });
    expect(run([at(5), at(29), at(31), at(60), at(61, null), at(62, T0 + 61 * 60_000), at(95, T0 + 61 * 60_000)])).toEqual([
      [],
      [],
      ['sync-failing'],
      [],
      [],
      [],
      ['sync-failing'],
    ]);
  });

  it('honours the per-kind switch without replaying when switched back on', () => {
    const off = { ...cfg, enabled: { ...cfg.enabled, lowSoc: false } };
    let state: NotifyState = INITIAL_NOTIFY_STATE;
    const step = (p: number, c: NotifyConfig) => {
      const r = stepNotifications(state, { devices: [soc(p)], now: T0, syncFailingSince: null, syncError: null }, c);
      state = r.state;
      return r.notices.map((n) => n.event);
    };
    expect(step(15, off)).toEqual([]);
    expect(step(15, cfg)).toEqual([]);
    expect(step(30, cfg)).toEqual([]);
    expect(step(15, cfg)).toEqual(['low']);
  });

  it('writes titles and bodies a person can act on', () => {
    const r = stepNotifications(INITIAL_NOTIFY_STATE, { devices: [soc(15, { latest: { minutesToEmpty: 130 } })], now: T0, syncFailingSince: null, syncError: null }, cfg);
    expect(r.notices).toEqual([
      { kind: 'lowSoc', event: 'low', sn: 'DCABZ1234567', title: 'Delta Pro battery low', body: '15 % left (alert under 20 %). About 2 h 10 m left at the current load.' },
    ]);
  });
});

describe('notifier', () => {
  it('re-evaluates on its timer so time-based alerts fire without new data', () => {
    const clock = new ManualClock(T0);
    const shown: Notice[] = [];
    const n = new Notifier({ clock, config: () => cfg, show: (x) => shown.push(x) });
    n.start();
    n.update({ devices: [soc(50, { lastDataTs: T0 })], syncFailingSince: null, syncError: null });
    expect(shown).toEqual([]);
    clock.advance(11 * 60_000);
    expect(shown.map((s) => s.event)).toEqual(['stalled']);
    n.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(NOTIFY_TICK_MS * 3);
    expect(shown).toHaveLength(1);
  });
});

describe('sync failing since', () => {
  const sync = (over: Partial<SyncStatus> = {}) => syncStatus({ connected: false, unsynced: 10, lastError: { code: 'pg-unreachable', message: 'refused' }, ...over });

  it('starts at the first failing status, keeps it, and clears on success, pause or no target', () => {
    expect(syncFailingSince(null, sync(), T0)).toBe(T0);
    expect(syncFailingSince(T0, sync(), T0 + 60_000)).toBe(T0);
    expect(syncFailingSince(T0, sync({ lastError: null, connected: true }), T0 + 1)).toBeNull();
    expect(syncFailingSince(T0, sync({ paused: true }), T0 + 1)).toBeNull();
    expect(syncFailingSince(T0, null, T0 + 1)).toBeNull();
  });
});
