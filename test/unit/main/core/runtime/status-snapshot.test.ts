// The summary `paku-ecoflow status` reads from the store: written at once,
// then at most every 5 s while the collector or sync reports changes, every
// minute regardless, a last time on stop ("stopped"); read back as untrusted
// input.
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../../../common/schemas';
import { ManualClock } from '../../../../../main/core/clock';
import { silentLogger } from '../../../../../main/core/logger';
import { keepStatusSnapshot, readStatusSnapshot, SNAPSHOT_EVERY_MS, SNAPSHOT_HEARTBEAT_MS, STATUS_SNAPSHOT_KEY } from '../../../../../main/core/runtime/status-snapshot';
import { FakeCollector, FakeSync } from '../app-service.fakes';

function memoryKv() {
  const map = new Map<string, string>();
  let writes = 0;
  return {
    get: (k: string) => map.get(k) ?? null,
    set: (k: string, v: string) => void (map.set(k, v), writes++),
    writes: () => writes,
  };
}

const device = (sn: string, state: DeviceStatus['state'], reason: string): DeviceStatus => ({
  sn,
  model: 'DELTA Pro',
  name: 'Van',
  family: 'delta-pro',
  supported: true,
  online: state !== 'offline',
  state,
  reason,
  lastDataTs: null,
  latest: null,
  rawKeyCount: 0,
  pendingOutputs: [],
});

describe('keepStatusSnapshot', () => {
  it('writes at once, then at most every 5 s, every minute without changes, and a last time on stop', () => {
    const clock = new ManualClock();
    const kv = memoryKv();
    const collector = new FakeCollector();
    const sync = new FakeSync();
    const keeper = keepStatusSnapshot({ kv, collector, sync, clock, logger: silentLogger });
    clock.advance(0);
    expect(kv.writes()).toBe(1);
    expect(readStatusSnapshot(kv)).toEqual({ ts: clock.now(), connection: 'connected', devices: [], lastSyncError: null });

    // A burst of changes: one write when the 5 s are up, with the latest values.
    collector.push({ devices: [device('SN1', 'live', 'data arriving')] });
    sync.current = { ...sync.current, lastError: { code: 'pg-unreachable', message: 'server unreachable: connection refused at db:5432' } };
    for (const l of sync.listeners) l(sync.current);
    collector.push({ devices: [device('SN1', 'stalled', 'cloud stream stalled')] });
    clock.advance(SNAPSHOT_EVERY_MS - 1);
    expect(kv.writes()).toBe(1);
    clock.advance(1);
    expect(kv.writes()).toBe(2);
    expect(readStatusSnapshot(kv)).toMatchObject({
      devices: [{ sn: 'SN1', online: true, state: 'stalled', reason: 'cloud stream stalled' }],
      lastSyncError: 'server unreachable: connection refused at db:5432',
    });

    // Nothing new: the heartbeat still rewrites it, so a reader can tell a live collector from a dead one.
    const quiet = clock.now();
    clock.advance(SNAPSHOT_HEARTBEAT_MS);
    expect(kv.writes()).toBe(3);
    expect(readStatusSnapshot(kv)?.ts).toBe(quiet + SNAPSHOT_HEARTBEAT_MS);

    // The last one says "stopped" whatever the collector was left saying.
    collector.push({ devices: [device('SN1', 'offline', 'device offline')] });
    keeper.stop();
    expect(kv.writes()).toBe(4);
    expect(readStatusSnapshot(kv)).toMatchObject({ connection: 'stopped', devices: [{ state: 'offline' }] });
    // Stopped: no more listeners, no timer left behind.
    collector.push({ connection: 'connected' });
    clock.advance(10 * SNAPSHOT_HEARTBEAT_MS);
    expect(kv.writes()).toBe(4);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('without a sync worker the last sync error is null', () => {
    const clock = new ManualClock();
    const kv = memoryKv();
    keepStatusSnapshot({ kv, collector: new FakeCollector(), sync: null, clock, logger: silentLogger }).stop();
    expect(readStatusSnapshot(kv)?.lastSyncError).toBeNull();
  });

  it('a store that refuses the write is logged, not thrown', () => {
    const clock = new ManualClock();
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    const kv = { get: () => null, set: () => { throw new Error('database is locked'); } };
    const keeper = keepStatusSnapshot({ kv, collector: new FakeCollector(), sync: null, clock, logger });
    expect(() => clock.advance(0)).not.toThrow();
    expect(() => keeper.stop()).not.toThrow();
    expect(warnings).toEqual(['could not save the status summary', 'could not save the status summary']);
  });
});

describe('readStatusSnapshot', () => {
  it.each(['', 'not json', '{"ts":"yesterday"}', '[]', '{"ts":1,"connection":"connected","devices":[{"sn":1}],"lastSyncError":null}'])('a summary that does not parse (%j) reads as none', (text) => {
    const kv = memoryKv();
    kv.set(STATUS_SNAPSHOT_KEY, text);
    expect(readStatusSnapshot(kv)).toBeNull();
  });
});
