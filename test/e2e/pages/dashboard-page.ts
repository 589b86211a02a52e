// Page module: the dashboard's values as the person sees them, and as numbers.
import type { Locator, Page } from '@playwright/test';

const num = async (l: Locator): Promise<number | null> => {
  const v = await l.getAttribute('data-value');
  return v === null || v === '' ? null : Number(v);
};

export class DashboardPage {
  readonly root: Locator;
  readonly soc: Locator;
  readonly wattsIn: Locator;
  readonly wattsOut: Locator;
  readonly dataState: Locator;
  readonly timeLeft: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dashboard');
    this.soc = page.getByTestId('soc-value');
    this.wattsIn = page.getByTestId('watts-in-total');
    this.wattsOut = page.getByTestId('watts-out-total');
    this.dataState = page.getByTestId('data-state');
    this.timeLeft = page.getByTestId('time-left');
  }

  flow(id: string): Locator {
    return this.page.getByTestId(`flow-${id}`);
  }

  /** The reading the dashboard shows: its time and the headline numbers. */
  async shown(): Promise<{ ts: number; soc: number | null; wattsIn: number | null; wattsOut: number | null }> {
    const ts = Number(await this.root.getAttribute('data-reading-ts'));
    return { ts, soc: await num(this.soc), wattsIn: await num(this.wattsIn), wattsOut: await num(this.wattsOut) };
  }
}
