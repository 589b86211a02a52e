// First run: no keys and no data yet. The window explains where the keys come
// from, opens the settings to enter them, or starts the demo on the spot.
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard-page';
import { SettingsPage } from '../pages/settings-page';

test('explains where to get the keys, and starts the demo', async ({ firstRunPage: page, firstRunApp: app }) => {
  const intro = page.getByTestId('first-run');
  await expect(intro).toBeVisible();
  await expect(intro.getByRole('link', { name: 'developer-eu.ecoflow.com' })).toHaveAttribute('href', 'https://developer-eu.ecoflow.com');
  await expect(intro.getByRole('link', { name: 'developer.ecoflow.com', exact: true })).toHaveAttribute('href', 'https://developer.ecoflow.com');
  await expect(intro).toContainText(/Approval can take/);
  await expect(intro).toContainText(/one key pair per account/);
  expect((await app.value('status:get')).app.demo).toBe(false);

  await intro.getByRole('button', { name: 'Enter keys' }).click();
  const settings = new SettingsPage(page);
  await expect(settings.dialog).toBeVisible();
  await expect(settings.field(/^Access key/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settings.dialog).toBeHidden();

  await page.getByTestId('start-demo').click();
  const dash = new DashboardPage(page);
  await expect(dash.root).toBeVisible({ timeout: 30_000 });
  await expect(intro).toBeHidden();
  await expect(page.getByText('Demo data', { exact: true })).toBeVisible();
  await expect(dash.dataState).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(dash.soc).toHaveText(/^\d+ %$/);
  expect((await app.value('status:get')).app.demo).toBe(true);
});

test('opened without its access link, the page says how to get in', async ({ page, app }) => {
  await page.goto(app.origin);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'error');
  await expect(page.locator('#root')).toHaveText(/open the address that "paku-ecoflow serve" printed/);
});
