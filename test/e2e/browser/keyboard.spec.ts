// Keyboard only, on every view: Tab reaches each control, each has a name a
// screen reader can say, and each shows a visible focus ring. (The settings
// dialog has its own walk in settings.spec.ts.)
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { expectNamedAndRinged, tabStops } from '../pages/keyboard';

/** Tabs through the whole page from its top; every wanted control is among the stops, each named and ringed. */
async function expectUsable(page: Page, wanted: string[]): Promise<void> {
  await page.locator('body').focus();
  const stops = await tabStops(page);
  const ids = stops.map((s) => s.testId);
  for (const id of wanted) expect(ids, `${id} is reachable by Tab (saw ${stops.map((s) => s.testId ?? s.name).join(' | ')})`).toContain(id);
  expectNamedAndRinged(stops);
}

test('dashboard: views, device picker and output switches', async ({ appPage: page }) => {
  await expect(page.getByTestId('output-ac')).toBeVisible();
  await expectUsable(page, ['device-picker', 'nav-dashboard', 'nav-charts', 'nav-energy', 'nav-settings', 'output-ac', 'output-dc', 'output-car']);

  // The demo has two stations: the arrow keys pick the other one.
  const first = await page.getByTestId('dashboard').getAttribute('data-sn');
  await page.getByTestId('device-picker').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('dashboard')).not.toHaveAttribute('data-sn', first ?? '');
  await expect(page.getByTestId('soc-value')).toHaveText(/^\d+ %$/);
});

test('charts and energy: ranges, pan and zoom, export, the charts themselves, periods', async ({ historyPage: page }) => {
  await page.getByTestId('nav-charts').click();
  await expect(page.getByTestId('charts')).toHaveAttribute('data-chart-state', 'ready');
  await expectUsable(page, ['range-1h', 'range-24h', 'range-7d', 'range-30d', 'range-1y', 'range-custom', 'pan-back', 'zoom-in', 'zoom-out', 'pan-forward', 'export-csv', 'charts']);

  // The views switch from the keyboard too.
  await page.getByTestId('nav-energy').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('energy')).toHaveAttribute('data-state', 'ready');
  await expectUsable(page, ['bucket-day', 'bucket-week', 'bucket-month']);
});
