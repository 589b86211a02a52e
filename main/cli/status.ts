// `paku-ecoflow status [--json]`: what the store in the data folder holds,
// read while `collect` may be writing it: devices, their latest reading and
// state (from the summary the running collector keeps), the unsynced backlog
// and the last sync error. Device states are only reported while a collector
// runs: a summary it left when it stopped (or died) says nothing about now.
import { CodedError } from '../../common/errors';
import { READING_FIELDS, READING_FIELD_NAMES, type Reading } from '../../common/reading';
import { readStatusSnapshot, SNAPSHOT_HEARTBEAT_MS, type StatusSnapshot } from '../core/runtime/status-snapshot';
import type { ReadingStore } from '../core/store/store';
import type { CliValues } from './index';
import { withStoredReadings } from './stored-readings';

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
  /** Whether a collector (collect, serve or the app) is writing to this store now. */
  collecting: boolean;
  /** Why not, in words; null while collecting. */
  notCollecting: string | null;
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

/** A running collector rewrites its summary every minute; three missed ones mean it is gone. */
const GONE_AFTER_MS = 3 * SNAPSHOT_HEARTBEAT_MS;

function notCollecting(snap: StatusSnapshot | null, now: number): string | null {
  if (!snap) return 'no collector has run on this store yet';
  const at = new Date(snap.ts).toISOString();
  if (snap.connection === 'stopped') return `the collector stopped at ${at}`;
  if (now - snap.ts > GONE_AFTER_MS) return `no word from the collector since ${at}: it was killed or the machine slept`;
  return null;
}

export function statusReport(store: ReadingStore, now: number = Date.now()): StatusReport {
  const snap = readStatusSnapshot(store.kv);
  const why = notCollecting(snap, now);
  const live = new Map(why ? [] : snap?.devices.map((d) => [d.sn, d]));
  return {
    collecting: why === null,
    notCollecting: why,
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
    const state = r.collecting ? `${d.state}${d.reason ? ` (${d.reason})` : ''}; ` : '';
    return `${d.name || d.sn} (${d.model}, ${d.sn}): ${state}${v('socPercent')}, in ${v('wattsIn')}, out ${v('wattsOut')}, solar ${v('solarWatts')}; ${d.readings} readings, latest ${age}`;
  });
  if (!lines.length) lines.push('No devices stored yet: is "paku-ecoflow collect" running?');
  else if (r.notCollecting) lines.unshift(`Not collecting now (${r.notCollecting}); the latest stored readings:`);
  lines.push(`Waiting for paku: ${r.unsynced} readings${r.lastSyncError ? `; last sync error: ${r.lastSyncError}` : ''}`);
  return lines.join('\n');
}

export async function runStatus(values: CliValues): Promise<number> {
  const missing = (path: string) =>
    new CodedError('not-found', `No store at ${path} yet: start "paku-ecoflow ${values.demo ? 'demo' : 'collect'}" (or set PAKU_DATA_DIR to where it writes).`);
  const report = await withStoredReadings(values, missing, (store) => statusReport(store));
  process.stdout.write((values.json ? JSON.stringify(report) : text(report)) + '\n');
  return 0;
}
