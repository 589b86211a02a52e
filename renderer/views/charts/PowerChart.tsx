// One time chart (recharts): lines break at gaps (connectNulls off), no
// animation (charts must draw fast and tests read them right away).
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { Legend } from '../../components/Legend';
import { useI18n } from '../../i18n/index';
import { formatDateTime, formatPercent, formatTick, formatWatts } from '../../lib/format';
import type { ChartRow } from '../../lib/series-shape';
import type { TimeRange } from '../../lib/ranges';
import type { TickUnit } from '../../lib/time-ticks';
import type { ChartDef, ChartLine } from './chart-defs';

/** The time axis every chart of the view shares. */
export interface TimeAxis {
  range: TimeRange;
  ticks: number[];
  unit: TickUnit;
}

export interface PowerChartProps {
  def: ChartDef;
  rows: ChartRow[];
  lines: ChartLine[];
  axis: TimeAxis;
}

/** Memoised: live status events re-render the shell every second; a chart redraws only for new rows. */
export const PowerChart = memo(function PowerChart({ def, rows, lines, axis }: PowerChartProps) {
  const { t, lang } = useI18n();
  const { range } = axis;
  const span = range.to - range.from;
  const fmt = (v: number) => (def.unit === '%' ? formatPercent(v, lang) : formatWatts(v, lang));
  const drawn = Object.fromEntries(lines.map((l) => [l.key, rows.filter((r) => typeof r[l.key] === 'number').length]));
  return (
    <figure
      className="chart card"
      data-chart={def.id}
      data-from={range.from}
      data-lines={lines.length}
      data-rows={rows.length}
      data-points={JSON.stringify(drawn)}
      aria-labelledby={`chart-${def.id}-title`}
    >
      <figcaption className="chart-head">
        <span id={`chart-${def.id}-title`} className="card-title">
          {t(def.title)}
        </span>
        {lines.length > 1 ? <Legend shape="line" items={lines.map((l) => ({ key: l.key, label: t(l.label), color: l.color }))} /> : null}
      </figcaption>
      {lines.length === 0 ? (
        <p className="muted chart-empty">{t('charts.empty')}</p>
      ) : (
        <LineChart data={rows} responsive style={{ width: '100%', height: 220 }} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--c-border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="ts"
            type="number"
            domain={[range.from, range.to]}
            allowDataOverflow
            ticks={axis.ticks}
            interval={0}
            tickFormatter={(v: number) => formatTick(v, lang, axis.unit, span)}
            stroke="var(--c-controlBorder)"
            tick={{ fill: 'var(--c-textMuted)', fontSize: 12 }}
          />
          <YAxis
            domain={def.unit === '%' ? [0, 100] : [0, 'auto']}
            tickFormatter={fmt}
            width={def.unit === '%' ? 48 : 64}
            stroke="var(--c-controlBorder)"
            tick={{ fill: 'var(--c-textMuted)', fontSize: 12 }}
          />
          <Tooltip
            labelFormatter={(v) => formatDateTime(Number(v), lang)}
            formatter={(v) => (typeof v === 'number' ? fmt(v) : '–')}
            contentStyle={{ background: 'var(--c-surface)', border: '1px solid var(--c-border)', color: 'var(--c-text)' }}
          />
          {lines.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={t(l.label)}
              type="linear"
              stroke={`var(--c-series-${l.color})`}
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
});
