// Chart speed on a store filled with a simulated year of one Delta Pro: the
// last 30 days at 1 Hz (the raw-table comparison needs real density), the 335
// days before at one reading a minute (the year's hour rollups look the same
// either way). Measured: the 1-year series query from the rollups as the
// window asks it (its 15 chart fields, one point per pixel of a chart at
// 1280 px: 600; goal ≤ 50 ms), the heaviest query the contract allows (every
// rollup field, 2000 points), the same 30-day bucketed query over the raw
// table beside the rollups, and the
// 30-day chart drawn in Chromium by the real window served by `paku-ecoflow
// serve` on that store (goal < 300 ms after the range is picked).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { ManualClock } from '../main/core/clock';
import { STORE_FILE_NAME } from '../main/core/data-dir';
import { silentLogger } from '../main/core/logger';
import { generateHistory } from '../main/core/simulator/physics/history';
import { columnOf, ROLLUP_FIELDS } from '../main/core/store/columns';
import { insertAll } from '../main/core/store/insert-all';
import { ReadingStore } from '../main/core/store/store';
import { CHROMIUM_ARGS } from '../playwright.config';
import { CHART_FIELDS } from '../renderer/views/charts/chart-defs';
import { measureChartDraw } from '../test/e2e/pages/charts-page';
import { figure, type BenchFigure, type BenchSuite } from './harness';

const DAY = 86_400_000;
/** The window's point budget at a 1280 px viewport (two charts a row). */
const WINDOW_POINTS = 600;
const SN = 'DCABZ8BENCH0001';
const root = join(import.meta.dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeMs(fn: () => unknown, runs = 7): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function fill(store: ReadingStore, now: number, log: (line: string) => void): void {
  store.upsertDevice({ sn: SN, model: 'DELTA Pro', name: 'Bench Delta Pro', family: 'delta-pro', lastSeenTs: now });
  const t0 = performance.now();
  const n =
    insertAll(store, generateHistory({ sn: SN, from: now - 365 * DAY, to: now - 30 * DAY - 60_000, stepMs: 60_000, seed: 7 })) +
    insertAll(store, generateHistory({ sn: SN, from: now - 30 * DAY, to: now, stepMs: 1000, seed: 7 }));
  log(`filled ${n} readings (a year, the last 30 days at 1 Hz) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** The same question as a 30-day chart, asked of the raw table: 2000 buckets of avg per charted field. */
function rawQuery(store: ReadingStore, now: number): () => unknown {
  const from = now - 30 * DAY;
  const bucket = Math.ceil((30 * DAY) / 2000);
  const cols = ROLLUP_FIELDS.map((f) => `avg(${columnOf(f)})`).join(', ');
  const stmt = store.database.prepare(`SELECT CAST((ts - ?) / ? AS INTEGER) AS b, ${cols} FROM readings WHERE sn = ? AND ts >= ? AND ts < ? GROUP BY b`);
  return () => stmt.all(from, bucket, SN, from, now);
}

async function drawInChromium(dataDir: string, log: (line: string) => void): Promise<number> {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const env = { ...process.env };
  for (const k of ['ECOFLOW_ACCESS_KEY', 'ECOFLOW_SECRET_KEY', 'PAKU_PG_URL']) delete env[k];
  const child = spawn(process.execPath, [join(root, 'bin', 'paku-ecoflow.js'), 'serve', '--data-dir', dataDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serve printed no URL within 60 s')), 60_000);
      createInterface({ input: child.stdout! }).once('line', (line) => {
        clearTimeout(timer);
        resolve(line.trim());
      });
    });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      await page.goto(url);
      await page.locator('#root[data-app-state="ready"]').waitFor({ timeout: 30_000 });
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await measureChartDraw(page, '30d', '7d'));
      log(`30-day chart drawn in ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms (3 picks)`);
      return median(runs);
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

export const chartSuite: BenchSuite = {
  name: 'chart',
  description: 'series queries on a simulated year (rollups vs raw) and the 30-day chart drawn in Chromium',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'paku-bench-chart-'));
    try {
      const now = Date.now();
      const store = ReadingStore.open({ path: join(dir, STORE_FILE_NAME), clock: new ManualClock(now), logger: silentLogger });
      let yearMs: number;
      let yearFullMs: number;
      let rollup30Ms: number;
      let raw30Ms: number;
      try {
        fill(store, now, log);
        const q = (days: number, fields: typeof CHART_FIELDS, maxPoints: number) => () => store.series({ sn: SN, from: now - days * DAY, to: now, fields, maxPoints });
        yearMs = timeMs(q(365, CHART_FIELDS, WINDOW_POINTS));
        yearFullMs = timeMs(q(365, [...ROLLUP_FIELDS], 2000));
        rollup30Ms = timeMs(q(30, [...ROLLUP_FIELDS], 2000));
        raw30Ms = timeMs(rawQuery(store, now), 3);
      } finally {
        store.close();
      }
      log(`1-year series from the rollups: ${yearMs.toFixed(1)} ms as the window asks (goal ≤ 50), ${yearFullMs.toFixed(1)} ms for every field at 2000 points`);
      log(`30 days, every field, 2000 points: rollups ${rollup30Ms.toFixed(1)} ms, raw table ${raw30Ms.toFixed(0)} ms`);
      const drawMs = await drawInChromium(dir, log);
      const figures: BenchFigure[] = [
        figure('chart.year.ms', yearMs, 'ms', 50, 50 / yearMs),
        figure('chart.year.full.ms', yearFullMs, 'ms'),
        figure('chart.30d.rollup.ms', rollup30Ms, 'ms', raw30Ms, raw30Ms / rollup30Ms),
        figure('chart.30d.raw.ms', raw30Ms, 'ms'),
        figure('chart.draw30d.ms', drawMs, 'ms', 300, 300 / drawMs),
      ];
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
