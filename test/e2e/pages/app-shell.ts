// Page module: the window's shell (views, theme) shared by the other pages.
import { expect, type Page } from '@playwright/test';
import type { ServedApp } from '../fixtures';

export type ViewName = 'dashboard' | 'charts' | 'energy';

export class AppShell {
  constructor(readonly page: Page) {}

  async show(view: ViewName): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click();
    await expect(this.page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
  }

  /** Switches the theme through the API (as another window would) and waits for the page to follow the event. */
  async useTheme(app: ServedApp, theme: 'light' | 'dark'): Promise<void> {
    await app.value('settings:update', { theme });
    await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
  }
}
