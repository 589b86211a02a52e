// Charts draw exactly the points the core answers for each range (never more
// than ~2000), break at gaps, and a 30-day chart is drawn quickly.
import type { ReadingField } from '../../../common/reading';
import { CHART_FIELDS } from '../../../renderer/views/charts/chart-defs';
import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { ChartsPage, measureChartDraw, type RangeButton } from '../pages/charts-page';

const RANGES: RangeButton[] = ['1h', '24h', '7d', '30d', '1y'];

test('each range draws the points the series query answers, within the point budget', async ({ appPage, app }) => {
  const shell = new AppShell(appPage);
  const charts = new ChartsPage(appPage);
  await shell.show('charts');
  const sn = (await app.value('status:get')).collector.devices[0]!.sn;
  for (const range of RANGES) {
    const { from, to } = await charts.pick(range);
    const answer = await app.value('series:query', { sn, from, to, fields: CHART_FIELDS as ReadingField[], maxPoints: 2000 });
    const withSoc = answer.points.filter((p) => p.values.socPercent).length;
    expect(answer.points.length, `${range}: points in the answer`).toBeLessThanOrEqual(2000);
    const drawn = await charts.drawnPoints('soc');
    const total = drawn.reduce((a, b) => a + b, 0);
    // Readings keep arriving, so the answer may have grown by a point or two at the live edge.
    expect(Math.abs(total - withSoc), `${range}: drawn ${total}, answered ${withSoc}`).toBeLessThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(2000);
    expect(await charts.grid.getAttribute('data-resolution')).toBe(answer.resolution);
    if (range === '1h' || range === '24h') expect(total, `${range} has simulator data`).toBeGreaterThan(0);
  }
});

test('a 30-day chart is drawn within 300 ms of picking the range', async ({ appPage }) => {
  // Warm-up pick first: the first draw also loads fonts and recharts' code paths.
  const entry = await measureChartDraw(appPage, '30d', '7d');
  const ms = await new ChartsPage(appPage).drawMs();
  expect(Math.abs(entry - ms)).toBeLessThan(1);
  test.info().annotations.push({ type: 'chart.draw30d.ms', description: ms.toFixed(1) });
  console.log(`chart.draw30d.ms ${ms.toFixed(1)}`);
  expect(ms).toBeLessThan(300);
});

test('pan and zoom move the range and redraw', async ({ appPage }) => {
  const shell = new AppShell(appPage);
  const charts = new ChartsPage(appPage);
  await shell.show('charts');
  const day = await charts.pick('24h');
  await appPage.getByTestId('zoom-in').click();
  await expect(charts.grid).not.toHaveAttribute('data-from', String(day.from));
  await expect(charts.grid).toHaveAttribute('data-chart-state', 'ready');
  const zoomed = { from: Number(await charts.grid.getAttribute('data-from')), to: Number(await charts.grid.getAttribute('data-to')) };
  expect(zoomed.to - zoomed.from).toBeCloseTo((day.to - day.from) / 2, -3);
  await charts.grid.focus();
  await appPage.keyboard.press('ArrowLeft');
  await expect(charts.grid).not.toHaveAttribute('data-from', String(zoomed.from));
  const panned = { from: Number(await charts.grid.getAttribute('data-from')), to: Number(await charts.grid.getAttribute('data-to')) };
  expect(panned.to - panned.from).toBe(zoomed.to - zoomed.from);
  expect(panned.from).toBeLessThan(zoomed.from);
  await expect(appPage.getByTestId('range-custom')).toHaveAttribute('aria-pressed', 'true');
});

test('exports the shown range as CSV', async ({ appPage }) => {
  const shell = new AppShell(appPage);
  await shell.show('charts');
  await expect(appPage.getByTestId('charts')).toHaveAttribute('data-chart-state', 'ready');
  const download = appPage.waitForEvent('download');
  await appPage.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.split('\n')[0]).toMatch(/ts|time/i);
  await expect(appPage.getByTestId('export-status')).toContainText(file.suggestedFilename());
});
