// Screenshots of the dashboard, charts, energy ledger and settings in both
// themes, written to docs/screenshots/ (shown in the README).
import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { ChartsPage } from '../pages/charts-page';
import { SettingsPage } from '../pages/settings-page';

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots, ${theme} theme`, async ({ appPage, app }) => {
    const shell = new AppShell(appPage);
    await shell.useTheme(app, theme);
    await expect(appPage.getByTestId('soc-value')).not.toHaveText('–');
    await shell.screenshot(`dashboard-${theme}`);

    await shell.show('charts');
    await new ChartsPage(appPage).pick('24h');
    await shell.screenshot(`charts-${theme}`);

    await shell.show('energy');
    await expect(appPage.getByTestId('energy')).toHaveAttribute('data-state', 'ready');
    await shell.screenshot(`energy-${theme}`);

    await shell.show('dashboard');
    const settings = new SettingsPage(appPage);
    await settings.open();
    await appPage.screenshot({ path: `docs/screenshots/settings-${theme}.png`, animations: 'disabled', caret: 'hide' });
    await appPage.keyboard.press('Escape');
  });
}
