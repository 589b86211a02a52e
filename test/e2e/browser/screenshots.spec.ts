// Screenshots of the dashboard, charts, energy ledger and settings in both
// themes, written to docs/screenshots/ (shown in the README). The dashboard
// and settings show the live demo; charts and the ledger the year-long
// history store (the demo's own store holds only minutes).
import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { ChartsPage } from '../pages/charts-page';
import { SettingsPage } from '../pages/settings-page';

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the live demo, ${theme} theme`, async ({ appPage, app }) => {
    const shell = new AppShell(appPage);
    await shell.useTheme(app, theme);
    await expect(appPage.getByTestId('soc-value')).not.toHaveText('–');
    await expect(appPage.getByTestId('data-state')).toHaveAttribute('data-state', 'live');
    await shell.screenshot(`dashboard-${theme}`);

    const settings = new SettingsPage(appPage);
    await settings.open();
    await appPage.screenshot({ path: `docs/screenshots/settings-${theme}.png`, animations: 'disabled', caret: 'hide' });
    await appPage.keyboard.press('Escape');
  });

  test(`screenshots of a year of history, ${theme} theme`, async ({ historyPage, historyApp }) => {
    const shell = new AppShell(historyPage);
    await shell.useTheme(historyApp, theme);
    await shell.show('charts');
    await new ChartsPage(historyPage).pick('7d');
    await shell.screenshot(`charts-${theme}`);

    await shell.show('energy');
    await expect(historyPage.getByTestId('energy')).toHaveAttribute('data-state', 'ready');
    await shell.screenshot(`energy-${theme}`);
  });
}
