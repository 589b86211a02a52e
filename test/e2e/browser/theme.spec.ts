// Theme "system" (the default) follows the system's light or dark setting as it
// changes; a chosen theme overrides it.
import { expect, test } from '../fixtures';

test.use({ colorScheme: 'dark' });

test('the system theme follows the system, a chosen one overrides it', async ({ firstRunPage: page, firstRunApp: app }) => {
  const html = page.locator('html');
  expect((await app.value('settings:get')).theme).toBe('system');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

  await app.value('settings:update', { theme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(background);
});
