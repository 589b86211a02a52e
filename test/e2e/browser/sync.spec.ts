// Sync to paku from the window: set up in the settings dialog against a real
// PostgreSQL, the card follows the upload of the stored history to "Up to
// date" (every reading lands in the paku table), and pauses and resumes.
import { startPostgres, type PgServer } from '../../helpers/postgres';
import { createTableSql, PAKU_TABLE } from '../../../main/core/sync/paku-mapping';
import { expect, test } from '../fixtures';
import { historyInfo } from '../global-setup';
import { SettingsPage } from '../pages/settings-page';

let pgServer: PgServer;
test.beforeAll(async () => {
  pgServer = await startPostgres({ password: 'admin-pw', roles: [{ name: 'paku', password: 'paku-pw' }] });
  for (const sql of createTableSql()) await pgServer.query(sql, [], 'paku');
  await pgServer.query(`GRANT ALL ON ${PAKU_TABLE} TO paku`, [], 'paku');
  await pgServer.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO paku`, [], 'paku');
});
test.afterAll(async () => {
  await pgServer?.destroy();
});

test('set up in settings, the stored history is sent, and sync pauses and resumes', async ({ ownHistoryPage: page, ownHistoryApp: app }) => {
  const card = page.getByTestId('sync');
  await expect(card).toHaveAttribute('data-state', 'not-configured');
  await expect(card).toContainText('readings stay on this computer');

  await card.getByRole('button', { name: 'Set up in Settings' }).click();
  const settings = new SettingsPage(page);
  await expect(settings.dialog).toBeVisible();
  await settings.field('Postgres URL').fill(pgServer.url({ user: 'paku', password: null, database: 'paku' }).replace(/\?.*$/, ''));
  await settings.field('TLS').selectOption('disable');
  await settings.field(/^Password/).fill('paku-pw');
  await settings.save.click();
  await expect(settings.status).toHaveText('Saved.');
  await page.keyboard.press('Escape');

  await expect(card).toHaveAttribute('data-state', /syncing|synced/, { timeout: 30_000 });
  await expect(page.getByTestId('sync-target')).toContainText('paku@127.0.0.1');
  await expect(card).toHaveAttribute('data-state', 'synced', { timeout: 90_000 });
  await expect(page.getByTestId('sync-unsynced')).toHaveAttribute('data-value', '0');
  const [row] = await pgServer.query<{ n: string }>(`SELECT count(*) AS n FROM ${PAKU_TABLE} WHERE device_sn = $1`, [historyInfo().sn], 'paku');
  expect(Number(row!.n)).toBe(historyInfo().readings);

  await card.getByRole('button', { name: 'Pause sync' }).click();
  await expect(card).toHaveAttribute('data-state', 'paused');
  expect((await app.value('status:get')).sync?.paused).toBe(true);
  await card.getByRole('button', { name: 'Resume sync' }).click();
  await expect(card).toHaveAttribute('data-state', 'synced');
  expect((await app.value('status:get')).sync?.paused).toBe(false);
});
