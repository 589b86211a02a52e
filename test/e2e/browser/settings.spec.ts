// The settings dialog: field validation messages, write-only secrets, saving,
// and the whole dialog driven by keyboard alone.
import { expect, test } from '../fixtures';
import { expectNamedAndRinged, tabStops } from '../pages/keyboard';
import { SettingsPage } from '../pages/settings-page';

test('shows a message beside each invalid field and saves nothing', async ({ appPage, app }) => {
  const settings = new SettingsPage(appPage);
  await settings.open();
  const before = await app.value('settings:get');

  await settings.field('Sample interval (seconds)').fill('ten');
  await settings.save.click();
  await expect(settings.error('sampleSeconds')).toHaveText('Enter a whole number.');
  await expect(settings.field('Sample interval (seconds)')).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.field('Sample interval (seconds)')).toBeFocused();
  await expect(settings.status).toHaveText('Fix the marked fields first.');

  await settings.field('Sample interval (seconds)').fill('0');
  await expect(settings.error('sampleSeconds')).toContainText('from 1 to 3600');
  await settings.field('Sample interval (seconds)').fill('30');
  await expect(settings.error('sampleSeconds')).toHaveCount(0);

  await settings.field('Low battery at (%)').fill('10');
  await settings.field('Critical battery at (%)').fill('30');
  await expect(settings.error('notifications.criticalSoc')).toHaveText('Critical level must be below the low level.');
  await settings.field('Postgres URL').fill('mysql://db/paku');
  await expect(settings.error('postgres.url')).toContainText('must start with postgres://');
  await settings.field('Region').selectOption('custom');
  await settings.field('API URL').fill('http://example.com/api');
  await expect(settings.error('ecoflow.customUrl')).toContainText('https');
  await settings.field(/^Access key/).fill('abc');
  await expect(settings.error('secrets.ecoflowAccessKey')).toContainText('too short');

  await settings.save.click();
  expect(await app.value('settings:get')).toEqual(before);
});

test('secrets are write-only: the window learns only that a key is set', async ({ appPage, app }) => {
  const settings = new SettingsPage(appPage);
  await settings.open();
  // The demo runs on the simulator's own EcoFlow keys: shown as set, never as values.
  const initial = await app.value('settings:get');
  expect(initial.secrets.ecoflowAccessKey.isSet).toBe(true);
  await expect(appPage.getByTestId('secret-state-ecoflowAccessKey')).toHaveText('(set — replace?)');
  await expect(settings.field(/^Access key/)).toHaveValue('');

  // The Postgres password is not set in the demo: set it, then clear it again.
  const password = 'Pw-' + 'x'.repeat(20);
  await expect(appPage.getByTestId('secret-state-postgresPassword')).toHaveText('(not set)');
  await settings.field(/^Password/).fill(password);
  await settings.field('Sample interval (seconds)').fill('15');
  await settings.save.click();
  await expect(settings.status).toHaveText('Saved.');
  await expect(appPage.getByTestId('secret-state-postgresPassword')).toHaveText('(set — replace?)');
  await expect(settings.field(/^Password/)).toHaveValue('');
  const view = await app.value('settings:get');
  expect(view.secrets.postgresPassword.isSet).toBe(true);
  expect(view.sampleSeconds).toBe(15);
  expect(JSON.stringify(view)).not.toContain(password);
  expect(await appPage.content()).not.toContain(password);

  await settings.dialog.getByLabel('Clear Password', { exact: true }).check();
  await expect(appPage.getByTestId('secret-state-postgresPassword')).toHaveText('(will be cleared on save)');
  await settings.save.click();
  await expect(appPage.getByTestId('secret-state-postgresPassword')).toHaveText('(not set)');
  expect((await app.value('settings:get')).secrets.postgresPassword.isSet).toBe(false);
  expect((await app.value('settings:get')).secrets.ecoflowAccessKey.isSet).toBe(true);
});

test('keyboard only: every control is reachable, labelled and visibly focused', async ({ appPage, app }) => {
  const settings = new SettingsPage(appPage);
  // Reach the Settings button from the top of the page with Tab alone.
  await appPage.locator('body').focus();
  for (let i = 0; i < 12; i++) {
    await appPage.keyboard.press('Tab');
    if (await appPage.getByTestId('nav-settings').evaluate((el) => el === document.activeElement)) break;
  }
  await expect(appPage.getByTestId('nav-settings')).toBeFocused();
  await appPage.keyboard.press('Enter');
  await expect(settings.dialog).toBeVisible();

  const seen = await tabStops(appPage);
  const names = seen.map((s) => s.name);
  for (const label of ['Access key', 'Secret key', 'Region', 'Devices to watch', 'Test EcoFlow', 'Sample interval', 'Postgres URL', 'Password', 'TLS', 'CA certificate file', 'Test Postgres', 'Broker URL', 'Low battery at', 'Critical battery at', 'Start at login', 'Theme', 'Language', 'Save']) {
    expect(names.some((n) => n.includes(label)), `${label} reachable by Tab (saw: ${names.join(' | ')})`).toBe(true);
  }
  for (const s of seen) expect(s.inDialog, `${s.name} is inside the modal dialog`).toBe(true);
  expectNamedAndRinged(seen);

  // Change a value and save with the keyboard.
  await settings.field('Sample interval (seconds)').focus();
  await appPage.keyboard.press('ControlOrMeta+A');
  await appPage.keyboard.type('20');
  await appPage.keyboard.press('Enter');
  await expect(settings.status).toHaveText('Saved.');
  expect((await app.value('settings:get')).sampleSeconds).toBe(20);
  await appPage.keyboard.press('Escape');
  await expect(settings.dialog).toBeHidden();
  await expect(appPage.getByTestId('nav-settings')).toBeFocused();
});

test('the window speaks Finnish once the language is saved', async ({ appPage, app }) => {
  const settings = new SettingsPage(appPage);
  await settings.open();
  try {
    await settings.field('Language').selectOption('fi');
    await settings.save.click();
    await expect(appPage.locator('html')).toHaveAttribute('lang', 'fi');
    await expect(settings.status).toHaveText('Tallennettu.');
    await expect(settings.dialog.getByRole('button', { name: 'Tallenna' })).toBeVisible();
    await appPage.keyboard.press('Escape');
    await expect(appPage.getByTestId('nav-settings')).toHaveText('Asetukset');
    await expect(appPage.getByTestId('nav-charts')).toHaveText('Kaaviot');
  } finally {
    await app.value('settings:update', { language: 'en' });
  }
  await expect(appPage.getByTestId('nav-settings')).toHaveText('Settings');
});

test('the tray and app menu "Settings…" (#settings in the address) opens the dialog, again after it was closed', async ({ appPage }) => {
  const settings = new SettingsPage(appPage);
  for (let i = 0; i < 2; i++) {
    await appPage.evaluate(() => {
      window.location.hash = 'settings';
    });
    await expect(settings.dialog).toBeVisible();
    await appPage.keyboard.press('Escape');
    await expect(settings.dialog).toBeHidden();
  }
});
