// The dashboard shows what the core says about the simulated station, and
// follows it as it changes, without reloading or polling.
import { expect, test } from '../fixtures';
import { DashboardPage } from '../pages/dashboard-page';

test('shows the current state of charge and watts, and follows their change', async ({ appPage, app }) => {
  const dash = new DashboardPage(appPage);
  await expect(dash.root).toBeVisible();

  // Same reading on both sides: compare once the page shows the reading the API has.
  const consistent = async () => {
    const status = await app.value('status:get');
    const device = status.collector.devices.find((d) => d.sn === (status.collector.devices[0]?.sn ?? ''));
    const r = device?.latest;
    const shown = await dash.shown();
    if (!r || shown.ts !== r.ts) return null;
    return { api: { ts: r.ts, soc: r.socPercent, wattsIn: r.wattsIn, wattsOut: r.wattsOut }, shown };
  };
  let first: Awaited<ReturnType<typeof consistent>> = null;
  await expect.poll(async () => (first = await consistent()) !== null, { timeout: 30_000 }).toBe(true);
  expect(first!.shown).toEqual(first!.api);
  expect(first!.shown.soc).not.toBeNull();
  await expect(dash.soc).toHaveText(`${Math.round(first!.api.soc!)} %`);

  // The simulator's household load drifts over minutes, too slowly to wait for:
  // switch its AC output off with the dashboard's own switch, and the page must
  // follow the drop in watts through status:changed events alone, then back on.
  const sn = (await app.value('status:get')).collector.devices[0]!.sn;
  type Shown = Awaited<ReturnType<typeof dash.shown>>;
  const follows = async (changed: (shown: Shown) => boolean) => {
    let seen: Awaited<ReturnType<typeof consistent>> = null;
    await expect.poll(async () => (seen = await consistent()) !== null && changed(seen.shown), { timeout: 20_000 }).toBe(true);
    expect(seen!.shown).toEqual(seen!.api);
    return seen!.shown;
  };
  const ac = dash.page.getByTestId('output-ac');
  await expect(ac).toHaveAttribute('aria-checked', 'true');
  try {
    await ac.click();
    const off = await follows((s) => s.ts > first!.shown.ts && s.wattsOut !== null && s.wattsOut < first!.shown.wattsOut!);
    await expect(ac).toHaveAttribute('aria-checked', 'false');
    await expect(ac).toBeEnabled();
    await expect(dash.flow('ac-out')).toHaveAttribute('data-value', '0');
    await ac.click();
    await follows((s) => s.ts > off.ts && s.wattsOut !== null && s.wattsOut > off.wattsOut!);
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
