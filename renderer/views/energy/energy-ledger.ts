// Pure ledger math for the window: which range each bucket size shows, and
// the totals row. The core computes the buckets (device counters where it has
// them, integrated power otherwise, gap-aware); here we only present them.
import type { ContractResponse } from '../../../common/contract';
import type { MessageKey } from '../../i18n/index';
import type { SeriesToken } from '../../theme/palette';

export type EnergyBucket = ContractResponse<'energy:query'>[number];
export type LedgerBucket = 'day' | 'week' | 'month';
export type LedgerColumn = Exclude<keyof EnergyBucket, 'ts' | 'whIn' | 'whOut' | 'coveredMs'>;

export const LEDGER_COLUMNS: { key: LedgerColumn; label: MessageKey; color: SeriesToken; side: 'in' | 'out' }[] = [
  { key: 'whAcIn', label: 'energy.acIn', color: 'ac', side: 'in' },
  { key: 'whSolar', label: 'energy.solarIn', color: 'solar', side: 'in' },
  { key: 'whCarIn', label: 'energy.carIn', color: 'car', side: 'in' },
  { key: 'whAcOut', label: 'energy.acOut', color: 'out', side: 'out' },
  { key: 'whDcOut', label: 'energy.dcOut', color: 'dc', side: 'out' },
];

/** How many buckets of each size the ledger shows, ending with the current one. */
export const LEDGER_SPAN: Record<LedgerBucket, number> = { day: 30, week: 12, month: 12 };

/** [from, to] covering the last N local days / weeks (Monday start) / months up to `now`. */
export function ledgerRange(bucket: LedgerBucket, now: number): { from: number; to: number } {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  if (bucket === 'day') d.setDate(d.getDate() - (LEDGER_SPAN.day - 1));
  else if (bucket === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7) - 7 * (LEDGER_SPAN.week - 1));
  else {
    d.setDate(1);
    d.setMonth(d.getMonth() - (LEDGER_SPAN.month - 1));
  }
  return { from: d.getTime(), to: now };
}

export function ledgerTotals(buckets: readonly EnergyBucket[]): Omit<EnergyBucket, 'ts'> {
  const total = { whIn: 0, whOut: 0, whSolar: 0, whAcIn: 0, whCarIn: 0, whAcOut: 0, whDcOut: 0, coveredMs: 0 };
  for (const b of buckets) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += b[k];
  return total;
}

/** Chart rows in kWh, newest last. */
export function ledgerChartRows(buckets: readonly EnergyBucket[]): ({ ts: number } & Record<LedgerColumn, number>)[] {
  return [...buckets]
    .sort((a, b) => a.ts - b.ts)
    .map((b) => ({ ts: b.ts, ...(Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, b[c.key] / 1000])) as Record<LedgerColumn, number>) }));
}
