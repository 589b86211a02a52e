// Page module: the settings dialog, its fields by label, errors and test results.
import { expect, type Locator, type Page } from '@playwright/test';

export class SettingsPage {
  readonly dialog: Locator;
  readonly save: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('settings-dialog');
    this.save = page.getByTestId('settings-save');
    this.status = page.getByTestId('settings-status');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await expect(this.dialog).toBeVisible();
  }

  field(label: string | RegExp): Locator {
    return this.dialog.getByLabel(label, { exact: typeof label === 'string' });
  }

  error(path: string): Locator {
    return this.page.getByTestId(`error-${path}`);
  }

  testResults(target: 'ecoflow' | 'postgres'): Locator {
    return this.page.getByTestId(`test-${target}`);
  }

  async runTest(target: 'ecoflow' | 'postgres'): Promise<Locator> {
    const box = this.testResults(target);
    await box.getByRole('button').click();
    await expect(box).not.toHaveAttribute('data-state', /idle|running/, { timeout: 30_000 });
    return box;
  }
}
