import { describe, expect, it } from 'vitest';
import { ledgerChartRows, ledgerRange, ledgerTotals, type EnergyBucket } from '../../../../renderer/views/energy/energy-ledger';

const b = (ts: number, n: number): EnergyBucket => ({ ts, whIn: 3 * n, whOut: 2 * n, whSolar: n, whAcIn: n, whCarIn: n, whAcOut: n, whDcOut: n, coveredMs: 10 * n });

describe('energy ledger', () => {
  it('sums every column', () => {
    expect(ledgerTotals([b(0, 100), b(1, 50)])).toEqual({ whIn: 450, whOut: 300, whSolar: 150, whAcIn: 150, whCarIn: 150, whAcOut: 150, whDcOut: 150, coveredMs: 1500 });
    expect(ledgerTotals([]).whIn).toBe(0);
  });
  it('charts in kWh, oldest first', () => {
    const rows = ledgerChartRows([b(2000, 1500), b(1000, 500)]);
    expect(rows.map((r) => r.ts)).toEqual([1000, 2000]);
    expect(rows[1]!.whSolar).toBe(1.5);
  });
  it('ranges start at local midnight, a Monday, or the 1st', () => {
    const now = new Date(2026, 5, 17, 15, 30).getTime(); // Wednesday 17 June 2026
    const day = new Date(ledgerRange('day', now).from);
    expect([day.getDate(), day.getMonth(), day.getHours()]).toEqual([19, 4, 0]);
    const week = new Date(ledgerRange('week', now).from);
    expect(week.getDay()).toBe(1);
    expect(Math.round((now - week.getTime()) / 86_400_000)).toBe(7 * 11 + 3);
    const month = new Date(ledgerRange('month', now).from);
    expect([month.getFullYear(), month.getMonth(), month.getDate()]).toEqual([2025, 6, 1]);
  });
});
