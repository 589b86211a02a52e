// Electron e2e fixtures: the whole app built as `npm start` builds it, into a
// folder of its own per worker (stage-app.ts; never a package: fuses turn off
// the inspect flags Playwright needs), in demo mode on the simulator, with
// its own userData per test (PAKU_USER_DATA_DIR) and the test-only hooks on
// (PAKU_E2E=1). Where the Electron binary was never downloaded
// (ELECTRON_SKIP_BINARY_DOWNLOAD, no internet) every spec skips with that reason.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import type { PakuApi } from '../../../common/contract';
import type { E2eHooks } from '../../../main/e2e-hooks';
import { root, stageBuiltApp } from './stage-app';

/** The Electron executable, without require('electron') (which tries to download it). */
function electronExecutable(): string | null {
  const dir = join(root, 'node_modules', 'electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

export const executable = electronExecutable();
export const hasElectronBinary = executable !== null;
export const SKIP_REASON = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): runs where the binary exists';

/** What npm start does before launching: the Electron-ABI sqlite binary, then the build (into `dir`). */
function prepareApp(dir: string): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'prepare-electron-native.mjs')], { cwd: root, stdio: 'inherit' });
  const build = stageBuiltApp(dir);
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}

export interface Launched {
  app: ElectronApplication;
  window: Page;
  userData: string;
  hooks<K extends keyof E2eHooks>(name: K): Promise<ReturnType<E2eHooks[K]>>;
  /** A contract call from inside the window, exactly as the renderer makes it. */
  paku<C extends keyof PakuApi>(channel: C, request?: unknown): Promise<unknown>;
}

export async function launch(appDir: string, userData: string): Promise<Launched> {
  const app = await _electron.launch({
    executablePath: executable!,
    args: [appDir, '--demo'],
    cwd: appDir,
    env: { ...process.env, PAKU_E2E: '1', PAKU_USER_DATA_DIR: userData },
  });
  const window = await app.firstWindow();
  await expect(window.locator('#root')).toHaveAttribute('data-app-state', 'ready', { timeout: 30_000 });
  return {
    app,
    window,
    userData,
    hooks: (name) => app.evaluate((_electron, n) => (globalThis as unknown as { __pakuE2E: Record<string, () => unknown> }).__pakuE2E[n]!(), name) as never,
    paku: (channel, request) =>
      window.evaluate(([c, r]) => (window as unknown as { paku: Record<string, (x: unknown) => Promise<unknown>> }).paku[c as string]!(r), [channel, request] as const),
  };
}

export const test = base.extend<{ userData: string; launched: Launched }, { appDir: string }>({
  appDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'paku-electron-app-'));
      prepareApp(dir);
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  // eslint-disable-next-line no-empty-pattern
  userData: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'paku-electron-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  launched: async ({ appDir, userData }, use) => {
    const launched = await launch(appDir, userData);
    await use(launched);
    await launched.app.close();
  },
});

export { expect };
