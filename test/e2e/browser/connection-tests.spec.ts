// The "Test" buttons run the doctor checks with the unsaved values and show
// each failed check with its fix in words: a wrong EcoFlow key, the wrong
// region, and a Postgres password the (real) server refuses.
import { startPostgres, type PgServer } from '../../helpers/postgres';
import { expect, test } from '../fixtures';
import { SettingsPage } from '../pages/settings-page';

async function failedCheck(settings: SettingsPage, target: 'ecoflow' | 'postgres', code: string) {
  const box = await settings.runTest(target);
  await expect(box).toHaveAttribute('data-state', 'failed');
  const check = box.locator(`li[data-code="${code}"]`);
  await expect(check).toHaveAttribute('data-ok', 'false');
  await expect(check.locator('.check-fix')).toContainText(/^Fix: .{10,}/);
  return check;
}

test('Test EcoFlow: a wrong access key is named, with where to copy it from', async ({ appPage }) => {
  const settings = new SettingsPage(appPage);
  await settings.open();
  await settings.field(/^Access key/).fill('WrongAccessKey0123456789abcdef01');
  await settings.field(/^Secret key/).fill('WrongSecretKey0123456789abcdef0123');
  const check = await failedCheck(settings, 'ecoflow', 'ecoflow-bad-key');
  await expect(check).toContainText(/access key/i);
});

test('Test EcoFlow: the wrong region says which region the keys belong to', async ({ appPage }) => {
  const settings = new SettingsPage(appPage);
  await settings.open();
  await settings.field('Region').selectOption('us');
  const check = await failedCheck(settings, 'ecoflow', 'ecoflow-wrong-region');
  await expect(check).toContainText(/Europe|region/i);
});

test.describe('Test Postgres against a real server', () => {
  let pgServer: PgServer;
  test.beforeAll(async () => {
    pgServer = await startPostgres({ password: 'right-password', roles: [{ name: 'paku', password: 'right-password' }] });
  });
  test.afterAll(async () => {
    await pgServer?.destroy();
  });

  test('a refused password is reported as such, with the fix', async ({ appPage }) => {
    const settings = new SettingsPage(appPage);
    await settings.open();
    await settings.field('Postgres URL').fill(pgServer.url({ user: 'paku', password: null, database: 'paku' }).replace(/\?.*$/, ''));
    await settings.field('TLS').selectOption('disable');
    await settings.field(/^Password/).fill('wrong-password');
    const check = await failedCheck(settings, 'postgres', 'pg-auth');
    await expect(check).toContainText(/password/i);
  });
});
