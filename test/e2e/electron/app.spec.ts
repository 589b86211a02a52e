// The whole Electron app where the binary exists: the hardened window opens,
// the dashboard shows the simulator's data, settings round-trip with a secret
// that never comes back to the window, and the tray through the e2e hooks.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardPage } from '../pages/dashboard-page';
import { SettingsPage } from '../pages/settings-page';
import { SKIP_REASON, expect, hasElectronBinary, launch, test } from './electron-app';

test.skip(!hasElectronBinary, SKIP_REASON);
// The list reporter shows skipped tests without their reason; say it in the log.
if (!hasElectronBinary) console.log(`[electron] skipped: ${SKIP_REASON}`);

test('opens one hardened window with only window.paku', async ({ launched }) => {
  const { app, window } = launched;
  await expect(window).toHaveTitle('paku-ecoflow');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // nodeIntegration off, context isolated: the page has no Node, only the bridge.
  expect(await window.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  const keys = await window.evaluate(() => Object.keys((window as unknown as { paku: object }).paku).sort());
  expect(keys).toContain('status:get');
  expect(keys).toContain('subscribe');
  expect(keys).not.toContain('invoke');
});

test('shows the simulator data on the dashboard and the same level in the tray', async ({ launched }) => {
  const dashboard = new DashboardPage(launched.window);
  await expect(dashboard.soc).toHaveAttribute('data-value', /^\d/, { timeout: 30_000 });
  const shown = await dashboard.shown();
  expect(shown.soc).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => (await launched.hooks('trayState'))?.model.gauge.bucket).not.toBeNull();
  const tray = await launched.hooks('trayState');
  expect(tray?.tooltip).toMatch(/\d+ %/);
  expect(tray?.menuLabels).toEqual(expect.arrayContaining(['Open', 'Settings…', 'Quit paku-ecoflow']));
});

test('round-trips settings; the secret never comes back to the window or the disk in clear', async ({ appDir, launched, userData }) => {
  const key = 'Ak' + 'e2e'.repeat(10);
  const view = (await launched.paku('settings:get')) as { ok: true; value: { secretStorage: { available: boolean; reason: string | null } } };
  // Without a keyring (Linux basic_text) secrets are refused unless kept for this session only.
  const sessionOnly = !view.value.secretStorage.available;
  if (sessionOnly) {
    expect(view.value.secretStorage.reason).toMatch(/keyring/i);
    await launched.paku('settings:update', { secretsSessionOnly: true });
  }
  const settings = new SettingsPage(launched.window);
  await settings.open();
  await settings.field(/^Access key/).fill(key);
  await settings.field('Sample interval (seconds)').fill('20');
  await settings.save.click();
  await expect(settings.status).toHaveText('Saved.');
  await expect(launched.window.getByTestId('secret-state-ecoflowAccessKey')).toHaveText('(set — replace?)');
  const after = await launched.paku('settings:get');
  expect(JSON.stringify(after)).not.toContain(key);
  expect(await launched.window.content()).not.toContain(key);

  const onDisk = readdirSync(userData, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const f of onDisk) expect(readFileSync(join(f.parentPath, f.name)).includes(key), f.name).toBe(false);

  await launched.app.close();
  const again = await launch(appDir, userData);
  try {
    const v = (await again.paku('settings:get')) as { value: { sampleSeconds: number; secrets: { ecoflowAccessKey: { isSet: boolean } } } };
    expect(v.value.sampleSeconds).toBe(20);
    expect(v.value.secrets.ecoflowAccessKey.isSet).toBe(!sessionOnly);
  } finally {
    await again.app.close();
  }
});

test('a tray click brings the closed window back', async ({ launched }) => {
  await launched.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await expect.poll(() => launched.hooks('windowVisible')).toBe(false);
  await launched.hooks('trayClick');
  await expect.poll(() => launched.hooks('windowVisible')).toBe(true);
  expect(existsSync(join(launched.userData, 'logs', 'paku-ecoflow.log'))).toBe(true);
});
