// `status` over a real SQLite store: device states come from the running
// collector's summary, and only while it runs (a summary left by a stopped or
// killed collector says nothing about now).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusReport } from '../../../../main/cli/status';
import { ManualClock } from '../../../../main/core/clock';
import { silentLogger } from '../../../../main/core/logger';
import { SNAPSHOT_HEARTBEAT_MS, writeStatusSnapshot, type StatusSnapshot } from '../../../../main/core/runtime/status-snapshot';
import { ReadingStore } from '../../../../main/core/store/store';
import { sampleReading } from '../../../helpers/sync-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'paku-status-'));
const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
let store: ReadingStore;
const NOW = clock.now();

beforeAll(() => {
  store = ReadingStore.open({ path: join(dir, 'readings.sqlite'), clock, logger: silentLogger });
  store.insert([sampleReading('SN1', 0, NOW - 20_000), sampleReading('SN1', 1, NOW - 20_000)]);
  store.upsertDevice({ sn: 'SN1', model: 'DELTA Pro', name: 'Van', family: 'delta-pro', lastSeenTs: NOW - 19_000 });
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const summary = (over: Partial<StatusSnapshot>): StatusSnapshot => ({
  ts: NOW - 10_000,
  connection: 'connected',
  devices: [{ sn: 'SN1', online: true, state: 'live', reason: 'receiving live data' }],
  lastSyncError: 'server unreachable: connection refused at db:5432',
  ...over,
});

describe('statusReport', () => {
  it('no collector ever ran: the stored devices, no state', () => {
    const r = statusReport(store, NOW);
    expect(r).toMatchObject({ collecting: false, notCollecting: 'no collector has run on this store yet', lastSyncError: null, unsynced: 2 });
    expect(r.devices).toEqual([
      expect.objectContaining({ sn: 'SN1', model: 'DELTA Pro', name: 'Van', online: null, state: 'unknown', readings: 2, latest: expect.objectContaining({ ts: NOW - 19_000, socPercent: 51 }) }),
    ]);
    expect(r.devices[0]!.latest).not.toHaveProperty('socExtra1Percent'); // fields the device did not report are left out
  });

  it('a running collector: its device states and sync error', () => {
    writeStatusSnapshot(store.kv, summary({}));
    expect(statusReport(store, NOW)).toMatchObject({
      collecting: true,
      notCollecting: null,
      devices: [{ online: true, state: 'live', reason: 'receiving live data' }],
      lastSyncError: 'server unreachable: connection refused at db:5432',
      collectorSeenTs: NOW - 10_000,
    });
  });

  it('a collector that stopped, or has not written for three heartbeats: no states claimed, and why', () => {
    writeStatusSnapshot(store.kv, summary({ connection: 'stopped' }));
    expect(statusReport(store, NOW)).toMatchObject({ collecting: false, notCollecting: `the collector stopped at ${new Date(NOW - 10_000).toISOString()}`, devices: [{ state: 'unknown', online: null }] });
    const seen = NOW - 3 * SNAPSHOT_HEARTBEAT_MS - 1;
    writeStatusSnapshot(store.kv, summary({ ts: seen }));
    expect(statusReport(store, NOW)).toMatchObject({ collecting: false, notCollecting: expect.stringContaining(`no word from the collector since ${new Date(seen).toISOString()}`), devices: [{ state: 'unknown' }] });
    // The last sync error it saw stays visible: the backlog is still there.
    expect(statusReport(store, NOW).lastSyncError).toContain('server unreachable');
  });
});
