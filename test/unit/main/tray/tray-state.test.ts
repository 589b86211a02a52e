import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/settings';
import type { CollectorStatus, SyncStatus } from '../../../../common/schemas';
import { TrayStateHolder, traySyncInfo } from '../../../../main/tray/tray-state';
import { collectorStatus, syncStatus } from '../core/app-service.fakes';
import { T0, device } from './device-fixture';

const collector = (over: Partial<CollectorStatus> = {}) => collectorStatus({ devices: [device()], ...over });
const sync = (over: Partial<SyncStatus> = {}) => syncStatus({ lastSyncTs: T0, ...over });

describe('tray state', () => {
  it('maps the sync status', () => {
    expect(traySyncInfo(null)).toEqual({ state: 'off', lastSyncedTs: null });
    expect(traySyncInfo(sync({ configured: false }))).toEqual({ state: 'off', lastSyncedTs: null });
    expect(traySyncInfo(sync())).toEqual({ state: 'ok', lastSyncedTs: T0 });
    expect(traySyncInfo(sync({ paused: true }))).toEqual({ state: 'paused', lastSyncedTs: T0 });
    expect(traySyncInfo(sync({ lastError: { code: 'pg-auth', message: 'no' } }))).toEqual({ state: 'failing', lastSyncedTs: T0 });
  });

  it('starts empty and connecting before the first status', () => {
    const s = new TrayStateHolder().state(T0);
    expect(s).toMatchObject({ devices: [], connection: 'connecting', chosenSn: null, lowPercent: 20, sync: { state: 'off' } });
  });

  it('folds collector, sync and settings together', () => {
    const h = new TrayStateHolder();
    h.setCollector(collector({ connection: 'auth-failed', lastError: { code: 'ecoflow-bad-key', message: 'bad key' } }));
    h.setSync(sync());
    h.setSettings({ ...DEFAULT_SETTINGS, trayDevice: 'X', startAtLogin: true, notifications: { ...DEFAULT_SETTINGS.notifications, lowSoc: 30 } });
    expect(h.state(T0)).toMatchObject({ connection: 'auth-failed', cloudError: { message: 'bad key' }, chosenSn: 'X', lowPercent: 30, startAtLogin: true, sync: { state: 'ok' } });
  });

  it('tracks a command from sent to accepted or failed', () => {
    const h = new TrayStateHolder();
    const req = { sn: 'A', output: 'ac' as const, on: false };
    h.outputSent(req);
    expect(h.state(T0).inFlight).toEqual([req]);
    h.outputAnswered(req, 'device did not answer');
    expect(h.state(T0).inFlight).toEqual([]);
    expect(h.state(T0).failures).toEqual([{ ...req, message: 'device did not answer' }]);
    h.outputSent(req);
    expect(h.state(T0).failures).toEqual([]);
    h.outputAnswered(req, null);
    expect(h.state(T0)).toMatchObject({ inFlight: [], failures: [] });
  });
});
