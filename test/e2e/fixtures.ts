// Browser e2e fixtures: one `paku-ecoflow serve --demo` per worker (real core,
// real simulator, real HTTP face, its own temp data dir and a free port), an
// `api` to ask it the same questions the window asks, and `appPage`: the
// window opened with its token and waited until data-app-state="ready".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';
import type { ContractRequest, ContractResponse, InvokeChannel } from '../../common/contract';
import type { Result } from '../../common/result';

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

/** The command that serves the window; PAKU_E2E_SERVE_CMD may replace it while the real one is being built. */
function serveCommand(dataDir: string): { cmd: string; args: string[] } {
  const custom = process.env.PAKU_E2E_SERVE_CMD;
  if (custom) {
    const [cmd = 'node', ...args] = custom.split(' ');
    return { cmd, args: [...args, '--data-dir', dataDir] };
  }
  // No --port: serve then takes a free one (it refuses --port 0).
  return { cmd: process.execPath, args: [join(root, 'bin', 'paku-ecoflow.js'), 'serve', '--demo', '--data-dir', dataDir] };
}

async function startServe(): Promise<{ app: ServedApp; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paku-e2e-'));
  const { cmd, args } = serveCommand(dataDir);
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, XDG_DATA_HOME: dataDir, XDG_CONFIG_HOME: dataDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

export const test = base.extend<{ appPage: Page }, { app: ServedApp }>({
  app: [
    async ({}, use) => {
      const { app, child } = await startServe();
      await use(app);
      await stopServe(child, app.dataDir);
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  appPage: async ({ page, app }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await openApp(page, app);
    await use(page);
    expect(errors, 'the page logged errors (CSP violations included)').toEqual([]);
  },
});

export { expect };
