// Fakes for AppService's deps, shared by its unit tests and the HTTP face's
// integration tests. Only the collector, store, sync and testers are fake.
import { emptyReading, type Reading } from '../../../../common/reading';
import type { CollectorStatus, ConnectionTestResult, SyncStatus } from '../../../../common/schemas';
import type { Settings } from '../../../../common/settings';
import type { AppServiceDeps, CollectorLike, StoreLike, SyncLike } from '../../../../main/core/app-service/deps';
import { ManualClock } from '../../../../main/core/clock';
import { createLogger, Redactor } from '../../../../main/core/logger';
import { MemorySecretBox, type SecretValues } from '../../../../main/core/settings/secret-box';
import { memorySettingsStore } from '../../../../main/core/settings/settings-store';

type Listener<T> = (v: T) => void;

export function collectorStatus(over: Partial<CollectorStatus> = {}): CollectorStatus {
  return {
    connection: 'connected',
    lastError: null,
    devices: [],
    counters: { messages: 0, malformed: 0, implausible: 0, snapshots: 0, reconnects: 0 },
    ...over,
  };
}

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    configured: true,
    connected: true,
    paused: false,
    target: 'paku@db:5432/paku',
    unsynced: 0,
    oldestUnsyncedTs: null,
    syncedLastHour: 0,
    lastSyncTs: null,
    lastError: null,
    nextRetryTs: null,
    missingColumns: [],
    backlogWarning: null,
    ...over,
  };
}

export class FakeCollector implements CollectorLike {
  current = collectorStatus();
  listeners = new Set<Listener<CollectorStatus>>();
  outputs: { sn: string; output: string; on: boolean }[] = [];
  failOutput: Error | null = null;
  status() {
    return this.current;
  }
  onStatus(l: Listener<CollectorStatus>) {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }
  async setOutput(sn: string, output: 'ac' | 'dc' | 'car', on: boolean) {
    if (this.failOutput) throw this.failOutput;
    this.outputs.push({ sn, output, on });
  }
  push(over: Partial<CollectorStatus>) {
    this.current = collectorStatus(over);
    for (const l of this.listeners) l(this.current);
  }
}

export class FakeSync implements SyncLike {
  current = syncStatus();
  listeners = new Set<Listener<SyncStatus>>();
  status() {
    return this.current;
  }
  setPaused(paused: boolean) {
    this.current = { ...this.current, paused };
    for (const l of this.listeners) l(this.current);
  }
  onStatus(l: Listener<SyncStatus>) {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }
}

export function fakeStore(readings: Reading[] = []): StoreLike {
  return {
    series: (q) => ({ resolution: 'raw', bucketMs: 0, points: readings.filter((r) => r.sn === q.sn && r.ts >= q.from && r.ts < q.to).map((r) => ({ ts: r.ts, values: Object.fromEntries(q.fields.map((f) => [f, r[f] === null ? null : [r[f], r[f], r[f]]])) })) }),
    energy: (q) => [{ ts: q.from, whIn: 100, whOut: 50, whSolar: 80, whAcIn: 20, whCarIn: 0, whAcOut: 40, whDcOut: 10, coveredMs: 3_600_000 }],
    range: (q) => readings.filter((r) => r.sn === q.sn && r.ts >= q.from && r.ts < q.to).slice(0, q.limit),
    devices: () => [{ sn: 'SN1', model: 'Delta Pro', name: 'Van', lastSeenTs: null }],
  };
}

export function readingsOf(sn: string, start: number, count: number, stepMs = 1000): Reading[] {
  return Array.from({ length: count }, (_, i) => ({ ...emptyReading(sn, start + i * stepMs), socPercent: 50 + (i % 10), wattsIn: i }));
}

export interface TesterCall {
  which: 'ecoflow' | 'postgres';
  settings: Settings;
  secrets: SecretValues;
}

export function fakeDeps(over: Partial<AppServiceDeps> = {}) {
  const lines: string[] = [];
  const redactor = new Redactor();
  const logger = createLogger({ sink: (l) => lines.push(l), redactor, level: 'debug' });
  const calls: TesterCall[] = [];
  const answer = (checks: ConnectionTestResult['checks']): ConnectionTestResult => ({ ok: checks.every((c) => c.ok), checks });
  const collector = new FakeCollector();
  const sync = new FakeSync();
  const deps: AppServiceDeps = {
    collector,
    store: fakeStore(readingsOf('SN1', Date.UTC(2026, 0, 1), 10)),
    sync,
    settings: memorySettingsStore({}, logger),
    secrets: new MemorySecretBox({ redactor, availability: { ok: true, reason: null } }),
    testers: {
      testEcoflow: async (settings, secrets) => {
        calls.push({ which: 'ecoflow', settings, secrets });
        const ok = secrets.ecoflowAccessKey === 'A'.repeat(32);
        return answer([{ name: 'Keys', ok, message: ok ? 'accepted' : `rejected key ${secrets.ecoflowAccessKey}`, fix: ok ? null : 'Check the key', code: ok ? null : 'ecoflow-bad-key' }]);
      },
      testPostgres: async (settings, secrets) => {
        calls.push({ which: 'postgres', settings, secrets });
        return answer([{ name: 'Login', ok: true, message: 'ok', fix: null, code: null }]);
      },
    },
    clock: new ManualClock(Date.UTC(2026, 0, 2)),
    logger,
    redactor,
    app: { name: 'paku-ecoflow', version: '0.1.0', face: 'http', demo: false },
    ...over,
  };
  return { deps, lines, calls, collector, sync, redactor };
}
