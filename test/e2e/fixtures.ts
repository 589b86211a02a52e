// Browser e2e fixtures: one `paku-ecoflow serve --demo` per worker (real core,
// real simulator, real HTTP face, its own temp data dir and a free port), an
// `api` to ask it the same questions the window asks, and `appPage`: the
// window opened with its token and waited until data-app-state="ready".
// `historyApp` / `historyPage` are the same without the demo, on a copy of the
// year-long store global-setup writes (no keys: its device is listed offline
// with its stored history); `firstRunApp` has no keys and no data at all;
// `ownHistoryApp` is a history server for one test alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';
import type { ContractRequest, ContractResponse, InvokeChannel } from '../../common/contract';
import type { Result } from '../../common/result';
import { HISTORY_DIR } from './global-setup';

const root = join(import.meta.dirname, '..', '..');

export interface ServedApp {
  /** The address serve printed, with the token. */
  url: string;
  /** http://127.0.0.1:PORT/ */
  origin: string;
  token: string;
  dataDir: string;
  /** A contract call over HTTP, exactly as the window makes it. */
  call<C extends InvokeChannel>(channel: C, request?: ContractRequest<C>): Promise<Result<ContractResponse<C>>>;
  /** Like call, but fails the test on an error result. */
  value<C extends InvokeChannel>(channel: C, request?: ContractRequest<C>): Promise<ContractResponse<C>>;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
}

/**
 * The environment of a served app: its own config and data dirs, and none of the caller's keys or Postgres settings.
 * The demo starts without history: the energy spec compares the ledger with what the simulator moved since it started.
 */
function serveEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: dataDir, XDG_CONFIG_HOME: dataDir, NO_COLOR: '1', PAKU_DEMO_HISTORY_DAYS: '0' };
  for (const k of Object.keys(env)) if (k.startsWith('ECOFLOW_') || k.startsWith('PAKU_PG')) delete env[k];
  return env;
}

async function startServe(demo: boolean, dataDir: string): Promise<{ app: ServedApp; child: ChildProcess }> {
  // No --port: serve then takes a free one (it refuses --port 0).
  const args = [join(root, 'bin', 'paku-ecoflow.js'), 'serve', ...(demo ? ['--demo'] : []), '--data-dir', dataDir];
  const child = spawn(process.execPath, args, { cwd: root, env: serveEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr?.on('data', (b: Buffer) => {
    errText = (errText + b.toString()).slice(-20_000);
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 60 s.\n${errText}`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its URL.\n${errText}`));
    });
  });
  const m = /^(http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)$/.exec(firstLine);
  if (!m) throw new Error(`serve's first line is not its URL: ${firstLine}\n${errText}`);
  const [, origin = '', token = ''] = m;
  const call = async <C extends InvokeChannel>(channel: C, request?: ContractRequest<C>) => {
    const res = await fetch(`${origin}api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request ?? null),
    });
    return (await res.json()) as Result<ContractResponse<C>>;
  };
  const value = async <C extends InvokeChannel>(channel: C, request?: ContractRequest<C>) => {
    const r = await call(channel, request);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return { app: { url: firstLine, origin, token, dataDir, call, value, stderr: () => errText }, child };
}

async function stopServe(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/** Opens the window with the token and waits for the app to say it is ready. */
export async function openApp(page: Page, app: ServedApp): Promise<void> {
  await page.goto(app.url);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
}

/** Opens `app` in `page` for one test, and fails the test if the page logged errors. */
async function usePage(page: Page, app: ServedApp, use: (page: Page) => Promise<void>): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openApp(page, app);
  await use(page);
  expect(errors, 'the page logged errors (CSP violations included)').toEqual([]);
}

/** What a served app runs on: the simulator, a copy of the history store, or nothing yet (first run). */
type ServedKind = 'demo' | 'history' | 'empty';

async function serveFor(kind: ServedKind, use: (app: ServedApp) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paku-e2e-'));
  if (kind === 'history') cpSync(HISTORY_DIR, dataDir, { recursive: true });
  const { app, child } = await startServe(kind === 'demo', dataDir);
  try {
    await use(app);
  } finally {
    await stopServe(child, app.dataDir);
  }
}

type WorkerFixture = [({}: object, use: (app: ServedApp) => Promise<void>) => Promise<void>, { scope: 'worker'; timeout: number }];
const perWorker = (kind: ServedKind): WorkerFixture => [async ({}, use) => serveFor(kind, use), { scope: 'worker', timeout: 90_000 }];

interface TestFixtures {
  appPage: Page;
  historyPage: Page;
  firstRunApp: ServedApp;
  firstRunPage: Page;
  ownHistoryApp: ServedApp;
  ownHistoryPage: Page;
}

export const test = base.extend<TestFixtures, { app: ServedApp; historyApp: ServedApp }>({
  app: perWorker('demo'),
  historyApp: perWorker('history'),
  // Per test: starting the demo from the first-run page changes what the server runs.
  firstRunApp: async ({}, use) => serveFor('empty', use),
  // A history server of the test's own, for tests that change what it runs (sync settings).
  ownHistoryApp: async ({}, use) => serveFor('history', use),
  appPage: async ({ page, app }, use) => usePage(page, app, use),
  historyPage: async ({ page, historyApp }, use) => usePage(page, historyApp, use),
  firstRunPage: async ({ page, firstRunApp }, use) => usePage(page, firstRunApp, use),
  ownHistoryPage: async ({ page, ownHistoryApp }, use) => usePage(page, ownHistoryApp, use),
});

export { expect };
