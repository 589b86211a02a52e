// Page module: walking a page with Tab alone, and what each focus stop was.
import { expect, type Page } from '@playwright/test';

export interface FocusStop {
  /** tag:accessible name (label, aria-label or text). */
  name: string;
  testId: string | null;
  /** Computed outline while focused, e.g. "solid 3px". */
  outline: string;
  inDialog: boolean;
}

/** Presses Tab from where focus is until it comes round to the first stop again (at most `max` times). */
export async function tabStops(page: Page, max = 80): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
      const style = getComputedStyle(el);
      return {
        name: `${el.tagName.toLowerCase()}:${labelled.trim()}`,
        testId: el.dataset.testid ?? null,
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        inDialog: Boolean(el.closest('dialog')),
      };
    });
    if (!stop) continue;
    if (stops.length > 0 && stop.name === stops[0]!.name && stop.testId === stops[0]!.testId) break; // wrapped around
    stops.push(stop);
  }
  return stops;
}

/** Every stop has a name and a visible focus ring. */
export function expectNamedAndRinged(stops: FocusStop[]): void {
  for (const s of stops) {
    expect(s.name.split(':')[1]?.length ?? 0, `${s.testId ?? s.name} has a name`).toBeGreaterThan(0);
    expect(s.outline, `${s.testId ?? s.name} shows a focus ring`).toMatch(/^solid [1-9]/);
  }
}
