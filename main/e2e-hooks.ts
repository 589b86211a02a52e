// Test-only handles for Playwright's electronApp.evaluate(), installed only
// when PAKU_E2E=1 (Mattermost's __e2eTestRefs): the real tray cannot be
// clicked from a test, so the hook emits the click and reads what it shows.
import type { TraySnapshot } from './tray/tray-controller';

export interface E2eHooks {
  trayClick(): void;
  trayState(): TraySnapshot | null;
  openSettings(): void;
  windowVisible(): boolean;
}

declare global {
  var __pakuE2E: E2eHooks | undefined;
}

export function installE2eHooks(env: NodeJS.ProcessEnv, hooks: E2eHooks): boolean {
  if (env.PAKU_E2E !== '1') return false;
  globalThis.__pakuE2E = hooks;
  return true;
}
