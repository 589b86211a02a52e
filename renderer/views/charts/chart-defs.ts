// What each chart draws, and the pure step from a series answer to its rows.
// Composite lines (DC/car, USB-A, USB-C) are sums of their reading fields.
import type { ReadingField } from '../../../common/reading';
import type { MessageKey } from '../../i18n/index';
import { shapeSeries, type ChartRow, type SeriesLike } from '../../lib/series-shape';
import type { SeriesToken } from '../../theme/palette';
import { OUTPUTS, sumFields } from '../dashboard/PowerFlow';

export interface ChartLine {
  key: string;
  label: MessageKey;
  color: SeriesToken;
  fields: readonly ReadingField[];
}

export interface ChartDef {
  id: 'soc' | 'inOut' | 'solar' | 'outputs';
  title: MessageKey;
  unit: '%' | 'W';
  lines: ChartLine[];
}

const single = (key: ReadingField, label: MessageKey, color: SeriesToken): ChartLine => ({ key, label, color, fields: [key] });

export const CHARTS: ChartDef[] = [
  { id: 'soc', title: 'charts.soc', unit: '%', lines: [single('socPercent', 'charts.soc', 'soc')] },
  { id: 'inOut', title: 'charts.inOut', unit: 'W', lines: [single('wattsIn', 'flow.in', 'in'), single('wattsOut', 'flow.out', 'out')] },
  {
    id: 'solar',
    title: 'charts.solar',
    unit: 'W',
    lines: [single('solarWatts', 'flow.solar', 'solar'), single('solar1Watts', 'flow.solar1', 'pack1'), single('solar2Watts', 'flow.solar2', 'pack2')],
  },
  { id: 'outputs', title: 'charts.outputs', unit: 'W', lines: OUTPUTS.map((o) => ({ key: o.id, label: o.label, color: o.color, fields: o.fields })) },
];

/** Every reading field any chart needs: one series query serves all charts. */
export const CHART_FIELDS: ReadingField[] = [...new Set(CHARTS.flatMap((c) => c.lines.flatMap((l) => [...l.fields])))];

export interface ChartData {
  def: ChartDef;
  rows: ChartRow[];
  /** The lines that have any data. */
  lines: ChartLine[];
}

/** Rows for every chart from one series answer (shaped once; gaps as null rows). */
export function chartsData(series: SeriesLike, maxPoints = 2000): ChartData[] {
  const base = shapeSeries(series, { fields: CHART_FIELDS, maxPoints });
  return CHARTS.map((def) => {
    const rows = base.map((r) => {
      const row: ChartRow = { ts: r.ts };
      for (const l of def.lines) row[l.key] = sumFields(r as Partial<Record<ReadingField, number | null>>, l.fields);
      return row;
    });
    let lines = def.lines.filter((l) => rows.some((r) => typeof r[l.key] === 'number'));
    // One solar input would just retrace the total: show inputs only when there are two.
    const inputs = lines.filter((l) => l.key === 'solar1Watts' || l.key === 'solar2Watts');
    if (inputs.length === 1 && lines.some((l) => l.key === 'solarWatts')) lines = lines.filter((l) => !inputs.includes(l));
    return { def, rows, lines };
  });
}
