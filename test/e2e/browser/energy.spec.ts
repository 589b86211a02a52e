// The energy ledger the window shows matches the energy that truly flowed in
// the simulator (its own physics ledger, exposed by the demo's diagnostics)
// within 2 %; its days, weeks and months are the local time zone's.
import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';

/** The simulator's true ledger per device, as `diagnostics:get` reports it in demo mode. */
interface TrueLedger {
  solarInWh: number;
  acInWh: number;
  dcInWh: number;
  acOutWh: number;
  dcOutWh: number;
}

test('ledger totals match the simulator’s true energy within 2 %', async ({ appPage, app }) => {
  const shell = new AppShell(appPage);
  const sn = (await app.value('status:get')).collector.devices[0]!.sn;
  // The simulator steps its physics once a second: a page ready within the first step has nothing to compare yet.
  const moved = async () => {
    const d = (await app.value('diagnostics:get')) as { demo?: { trueEnergy?: Record<string, TrueLedger> } | null };
    const t = d.demo?.trueEnergy?.[sn];
    return t ? t.acInWh + t.solarInWh + t.dcInWh + t.acOutWh + t.dcOutWh : 0;
  };
  await expect.poll(moved, { timeout: 15_000 }).toBeGreaterThan(0);
  await shell.show('energy');
  const ledger = appPage.getByTestId('energy');
  await expect(ledger).toHaveAttribute('data-state', 'ready');

  const diagnostics = (await app.value('diagnostics:get')) as { demo?: { trueEnergy?: Record<string, TrueLedger> } | null };
  const truth = diagnostics.demo?.trueEnergy?.[sn];
  expect(truth, 'diagnostics:get in demo mode carries demo.trueEnergy[sn] (the simulator ledger)').toBeDefined();

  const total = appPage.getByTestId('ledger-total');
  const shown = async (attr: string) => Number(await total.getAttribute(attr));
  const pairs: [string, keyof TrueLedger][] = [
    ['data-wh-ac-in', 'acInWh'],
    ['data-wh-solar', 'solarInWh'],
    ['data-wh-car-in', 'dcInWh'],
    ['data-wh-ac-out', 'acOutWh'],
    ['data-wh-dc-out', 'dcOutWh'],
  ];
  const trueIn = truth!.acInWh + truth!.solarInWh + truth!.dcInWh;
  const trueOut = truth!.acOutWh + truth!.dcOutWh;
  expect(trueIn + trueOut, 'the simulator moved some energy').toBeGreaterThan(0);
  expect(Math.abs((await shown('data-wh-in')) - trueIn)).toBeLessThanOrEqual(0.02 * trueIn + 1);
  expect(Math.abs((await shown('data-wh-out')) - trueOut)).toBeLessThanOrEqual(0.02 * trueOut + 1);
  for (const [attr, key] of pairs) {
    const want = truth![key];
    // Each line within 2 % of itself, or of the side's total when the line is tiny.
    const side = key.endsWith('OutWh') ? trueOut : trueIn;
    expect(Math.abs((await shown(attr)) - want), `${key}: shown ${await shown(attr)} Wh, true ${want} Wh`).toBeLessThanOrEqual(Math.max(0.02 * want, 0.005 * side) + 1);
  }
});

test.describe('periods in the local time zone', () => {
  // Not UTC, so a day that started at UTC midnight would show as wrong.
  test.use({ timezoneId: 'Europe/Helsinki' });

  test('days, weeks and months start at local midnight, on Mondays and on the 1st', async ({ historyPage: page }) => {
    const shell = new AppShell(page);
    await shell.show('energy');
    const ledger = page.getByTestId('energy');
    const totalIn: Record<string, number> = {};
    for (const bucket of ['day', 'week', 'month'] as const) {
      await page.getByTestId(`bucket-${bucket}`).click();
      await expect(page.getByTestId(`bucket-${bucket}`)).toHaveAttribute('aria-pressed', 'true');
      await expect(ledger).toHaveAttribute('data-state', 'ready');
      const starts = await ledger.locator('tbody tr').evaluateAll((rows) =>
        rows.map((r) => {
          const d = new Date(Number((r as HTMLElement).dataset.ts));
          return { hour: d.getHours(), minute: d.getMinutes(), weekday: d.getDay(), date: d.getDate(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
        }),
      );
      expect(starts.length, `${bucket}: periods with energy`).toBeGreaterThanOrEqual(bucket === 'day' ? 29 : 11);
      for (const s of starts) {
        expect(s.zone).toBe('Europe/Helsinki');
        expect([s.hour, s.minute], `${bucket} starts at local midnight`).toEqual([0, 0]);
        if (bucket === 'week') expect(s.weekday, 'weeks start on Monday').toBe(1);
        if (bucket === 'month') expect(s.date, 'months start on the 1st').toBe(1);
      }
      totalIn[bucket] = Number(await page.getByTestId('ledger-total').getAttribute('data-wh-in'));
    }
    // 30 days, 12 weeks, 12 months: each reaches further back into the 100 days the ledger can integrate.
    expect(totalIn.week!).toBeGreaterThan(totalIn.day! * 2);
    expect(totalIn.month!).toBeGreaterThan(totalIn.week!);
  });
});
