// `paku-ecoflow status [--json]`: what the store in the data folder holds,
// read while `collect` may be writing it: devices, their latest reading and
// state (from the summary the running collector keeps), the unsynced backlog
// and the last sync error.
import { existsSync } from 'node:fs';
import { CodedError } from '../../common/errors';
import { READING_FIELDS, READING_FIELD_NAMES, type Reading } from '../../common/reading';
import { silentLogger } from '../core/logger';
import { systemClock } from '../core/clock';
import { readStatusSnapshot } from '../core/runtime/status-snapshot';
import { ReadingStore } from '../core/store/store';
import { loadCliConfig } from './config';
import type { CliValues } from './index';

export interface StatusDevice {
  sn: string;
  model: string;
  name: string;
  online: boolean | null;
  state: string;
  reason: string | null;
  readings: number;
  latest: (Partial<Reading> & { ts: number }) | null;
}

export interface StatusReport {
  devices: StatusDevice[];
  unsynced: number;
  oldestUnsyncedTs: number | null;
  lastSyncError: string | null;
  /** When the running collector last wrote its summary, epoch ms (null: never ran). */
  collectorSeenTs: number | null;
}

/** The latest reading with only the fields the device reported. */
function compact(r: Reading): Partial<Reading> & { ts: number } {
  const out: Partial<Reading> & { ts: number } = { ts: r.ts };
  for (const f of READING_FIELD_NAMES) if (r[f] !== null) out[f] = r[f];
  return out;
}

export function statusReport(store: ReadingStore): StatusReport {
  const snap = readStatusSnapshot(store.kv);
  const live = new Map(snap?.devices.map((d) => [d.sn, d]));
  return {
    devices: store.devices().map((d) => {
      const latest = store.latest(d.sn);
      const s = live.get(d.sn);
      return {
        sn: d.sn,
        model: d.model,
        name: d.name,
        online: s?.online ?? null,
        state: s?.state ?? 'unknown',
        reason: s?.reason ?? null,
        readings: store.count(d.sn),
        latest: latest ? compact(latest) : null,
      };
    }),
    unsynced: store.outbox.unsyncedCount(),
    oldestUnsyncedTs: store.outbox.oldestUnsyncedTs(),
    lastSyncError: snap?.lastSyncError ?? null,
    collectorSeenTs: snap?.ts ?? null,
  };
}

const unit = (f: keyof typeof READING_FIELDS) => READING_FIELDS[f].unit;

function text(r: StatusReport): string {
  const lines = r.devices.map((d) => {
    const l = d.latest;
    const v = (f: 'socPercent' | 'wattsIn' | 'wattsOut' | 'solarWatts') => (l?.[f] === undefined ? '?' : `${l[f]} ${unit(f)}`);
    const age = l ? `${Math.round((Date.now() - l.ts) / 1000)} s ago` : 'no reading yet';
    return `${d.name || d.sn} (${d.model}, ${d.sn}): ${d.state}${d.reason ? ` (${d.reason})` : ''}; ${v('socPercent')}, in ${v('wattsIn')}, out ${v('wattsOut')}, solar ${v('solarWatts')}; ${d.readings} readings, latest ${age}`;
  });
  if (!lines.length) lines.push('No devices stored yet: is "paku-ecoflow collect" running?');
  lines.push(`Waiting for paku: ${r.unsynced} readings${r.lastSyncError ? `; last sync error: ${r.lastSyncError}` : ''}`);
  return lines.join('\n');
}

export async function runStatus(values: CliValues): Promise<number> {
  const config = loadCliConfig(values);
  const path = values.demo ? config.demoStorePath : config.storePath;
  if (!existsSync(path)) {
    throw new CodedError('not-found', `No store at ${path} yet: start "paku-ecoflow ${values.demo ? 'demo' : 'collect'}" (or set PAKU_DATA_DIR to where it writes).`);
  }
  const store = ReadingStore.open({ path, clock: systemClock, logger: silentLogger });
  try {
    const report = statusReport(store);
    process.stdout.write((values.json ? JSON.stringify(report) : text(report)) + '\n');
    return 0;
  } finally {
    store.close();
  }
}
