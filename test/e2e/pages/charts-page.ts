// Page module: the history charts, their range and what each one drew.
import { expect, type Locator, type Page } from '@playwright/test';

export type RangeButton = '1h' | '24h' | '7d' | '30d' | '1y';

export class ChartsPage {
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('charts');
  }

  /** Picks a preset and waits until every chart shows it. */
  async pick(range: RangeButton): Promise<{ from: number; to: number }> {
    const before = await this.grid.getAttribute('data-from');
    await this.page.getByTestId(`range-${range}`).click();
    await expect(this.page.getByTestId(`range-${range}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.grid).not.toHaveAttribute('data-from', before ?? '');
    await expect(this.grid).toHaveAttribute('data-chart-state', 'ready');
    await expect(this.grid).toHaveAttribute('data-draw-label', range);
    return { from: Number(await this.grid.getAttribute('data-from')), to: Number(await this.grid.getAttribute('data-to')) };
  }

  chart(id: 'soc' | 'inOut' | 'solar' | 'outputs'): Locator {
    return this.page.locator(`[data-chart="${id}"]`);
  }

  /** Points actually drawn in the chart's SVG: one per M/L command of each line path. */
  async drawnPoints(id: 'soc' | 'inOut' | 'solar' | 'outputs'): Promise<number[]> {
    return this.chart(id)
      .locator('path.recharts-line-curve')
      .evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0));
  }

  /** Separate stretches of each line path (one M command each): a gap starts a new one. */
  async segments(id: 'soc' | 'inOut' | 'solar' | 'outputs'): Promise<number[]> {
    return this.chart(id)
      .locator('path.recharts-line-curve')
      .evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').match(/M/g)?.length ?? 0));
  }

  async drawMs(): Promise<number> {
    return Number(await this.grid.getAttribute('data-draw-ms'));
  }
}

/**
 * The chart timing the bench reports as chart.draw30d.ms: on the charts view,
 * picks a warm-up range, then `range`, and returns the page's own measure
 * (performance entry `chart.draw.<range>`: range button clicked → every chart's
 * line paths in the DOM, including the series query).
 */
export async function measureChartDraw(page: Page, range: RangeButton = '30d', warmUp: RangeButton = '7d'): Promise<number> {
  const charts = new ChartsPage(page);
  await page.getByTestId('nav-charts').click();
  await charts.pick(warmUp);
  await charts.pick(range);
  const ms = await page.evaluate((name) => performance.getEntriesByName(name).at(-1)?.duration ?? null, `chart.draw.${range}`);
  if (ms === null) throw new Error(`the page recorded no chart.draw.${range} measure`);
  return ms;
}
