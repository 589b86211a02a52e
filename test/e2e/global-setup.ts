// Once per run: builds the renderer when out/renderer is missing or older than
// its sources (so `serve` has a current page to serve), and writes the history
// store the chart and ledger specs serve: a simulated year of one Delta Pro
// ending now, with a known six-hour outage three days ago. One reading every
// 2 minutes for the last 30 days, every 5 minutes for the 70 days before
// (close enough for the ledger to integrate power), and every 2 hours before
// that (charts only). The demo's store starts empty, so this is where ranges
// of days, weeks and a year have data to draw.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../main/core/clock';
import { STORE_FILE_NAME } from '../../main/core/data-dir';
import { silentLogger } from '../../main/core/logger';
import { generateHistory } from '../../main/core/simulator/physics/history';
import { insertAll } from '../../main/core/store/insert-all';
import { ReadingStore } from '../../main/core/store/store';

const root = join(import.meta.dirname, '..', '..');
const MIN = 60_000;
const DAY = 86_400_000;

/** The history store's data dir (copied per server) and what it holds. */
export const HISTORY_DIR = join(root, '.tmp', 'e2e-history');
const HISTORY_INFO = join(HISTORY_DIR, 'history.json');

export interface HistoryInfo {
  sn: string;
  name: string;
  /** The last reading's time. */
  now: number;
  /** No readings in [gapFrom, gapTo). */
  gapFrom: number;
  gapTo: number;
  readings: number;
}

export function historyInfo(): HistoryInfo {
  return JSON.parse(readFileSync(HISTORY_INFO, 'utf8')) as HistoryInfo;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const built = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'common')));
  return sources > statSync(built).mtimeMs;
}

function fillHistory(): HistoryInfo {
  rmSync(HISTORY_DIR, { recursive: true, force: true });
  mkdirSync(HISTORY_DIR, { recursive: true });
  // Whole minutes, so the minute steps of every run line up the same way.
  const now = Math.floor(Date.now() / MIN) * MIN;
  const info: HistoryInfo = { sn: 'DCABZE2EHIST0001', name: 'Cabin Delta Pro', now, gapFrom: now - 3 * DAY - 6 * 60 * MIN, gapTo: now - 3 * DAY, readings: 0 };
  const store = ReadingStore.open({ path: join(HISTORY_DIR, STORE_FILE_NAME), clock: new ManualClock(now), logger: silentLogger });
  try {
    store.upsertDevice({ sn: info.sn, model: 'DELTA Pro', name: info.name, family: 'delta-pro', lastSeenTs: now });
    /** Minutes between kept readings, by age. */
    const every = (ts: number) => (ts >= now - 30 * DAY ? 2 : ts >= now - 100 * DAY ? 5 : 120);
    let i = 0;
    // One station stepped through the whole year, so the state of charge runs on without jumps.
    const kept = function* () {
      for (const r of generateHistory({ sn: info.sn, from: now - 365 * DAY, to: now, stepMs: MIN, seed: 11 })) {
        if (i++ % every(r.ts) === 0 && (r.ts < info.gapFrom || r.ts >= info.gapTo)) yield r;
      }
    };
    info.readings = insertAll(store, kept());
  } finally {
    store.close();
  }
  writeFileSync(HISTORY_INFO, JSON.stringify(info));
  return info;
}

export default function globalSetup(): void {
  if (rendererIsStale()) {
    execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const t0 = performance.now();
  const info = fillHistory();
  console.log(`history store: ${info.readings} readings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
