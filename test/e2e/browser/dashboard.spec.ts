// The dashboard shows what the core says about the simulated station, and
// follows it as it changes, without reloading or polling.
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard-page';

test('shows the current state of charge and watts, and follows their change', async ({ appPage, app }) => {
  const dash = new DashboardPage(appPage);
  await expect(dash.root).toBeVisible();

  // The page and the API agree on the device's latest reading. Its time alone
  // does not name a reading: the messages of one device tick are merged one by
  // one under the same time, and the page hears of them at most once a second.
  type Shown = Awaited<ReturnType<typeof dash.shown>>;
  const agreed = async (): Promise<Shown | null> => {
    const r = (await app.value('status:get')).collector.devices[0]?.latest;
    const shown = await dash.shown();
    const same = r && shown.ts === r.ts && shown.soc === r.socPercent && shown.wattsIn === r.wattsIn && shown.wattsOut === r.wattsOut;
    return same ? shown : null;
  };
  const agreeing = async (changed: (shown: Shown) => boolean, timeout = 20_000): Promise<Shown> => {
    let seen: Shown | null = null;
    await expect.poll(async () => (seen = await agreed()) !== null && changed(seen), { timeout }).toBe(true);
    return seen!;
  };
  const first = await agreeing(() => true, 30_000);
  expect(first.soc).not.toBeNull();
  await expect(dash.soc).toHaveText(`${Math.round(first.soc!)} %`);

  // The simulator's household load drifts over minutes, too slowly to wait for:
  // switch its AC output off with the dashboard's own switch, and the page must
  // follow the drop in watts through status:changed events alone, then back on.
  const sn = (await app.value('status:get')).collector.devices[0]!.sn;
  const ac = dash.page.getByTestId('output-ac');
  await expect(ac).toHaveAttribute('aria-checked', 'true');
  try {
    await ac.click();
    const off = await agreeing((s) => s.ts > first.ts && s.wattsOut !== null && s.wattsOut < first.wattsOut!);
    await expect(ac).toHaveAttribute('aria-checked', 'false');
    await expect(ac).toBeEnabled();
    await expect(dash.flow('ac-out')).toHaveAttribute('data-value', '0');
    await ac.click();
    await agreeing((s) => s.ts > off.ts && s.wattsOut !== null && s.wattsOut > off.wattsOut!);
    await expect(ac).toHaveAttribute('aria-checked', 'true');
  } finally {
    await app.call('output:set', { sn, output: 'ac', on: true });
  }
});

test('shows the data state, time left and the power flow lines', async ({ appPage }) => {
  const dash = new DashboardPage(appPage);
  await expect(dash.dataState).toHaveAttribute('data-state', /live|snapshot|connecting/);
  await expect(dash.timeLeft).toHaveAttribute('data-direction', /charging|discharging|idle/);
  await expect(dash.flow('ac-out')).toBeVisible();
  const gauge = appPage.getByRole('meter');
  await expect(gauge).toHaveAttribute('aria-valuenow', /\d/);
});

test('the page makes no requests while idle other than the event stream', async ({ appPage }) => {
  const dash = new DashboardPage(appPage);
  const requests: string[] = [];
  appPage.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const startTs = (await dash.shown()).ts;
  // Wait for at least two new readings to arrive by push.
  await expect.poll(async () => (await dash.shown()).ts, { timeout: 45_000 }).toBeGreaterThan(startTs);
  const second = (await dash.shown()).ts;
  await expect.poll(async () => (await dash.shown()).ts, { timeout: 45_000 }).toBeGreaterThan(second);
  expect(requests.filter((p) => p.startsWith('/api/') && p !== '/api/events')).toEqual([]);
});

test('a device known only from the store says it is offline, why, and guesses no time left', async ({ historyPage: page }) => {
  const dash = new DashboardPage(page);
  await expect(dash.dataState).toHaveAttribute('data-state', 'offline');
  await expect(dash.dataState).toContainText('not connected to the EcoFlow cloud now: showing stored data');
  await expect(dash.timeLeft).toHaveAttribute('data-minutes', '');
  await expect(dash.timeLeft).toContainText('no time left while the data is not coming in');
  await expect(dash.soc).toHaveText(/^\d+ %$/);
});
