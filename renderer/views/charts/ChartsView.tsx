// History: four charts over one picked range, pan / zoom (buttons, arrow keys,
// +/- and the mouse wheel), and CSV export of what is shown. Points are asked
// for by the width a chart has (one per pixel, never over 2000): more could
// not be seen, and fewer lets long ranges come from the hour rollups and
// draw quickly.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject, type WheelEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSeries } from '../../hooks/use-series';
import { useI18n } from '../../i18n/index';
import { formatStep } from '../../lib/format';
import { pan, presetRange, zoom, type RangeKind, type RangePreset, type TimeRange } from '../../lib/ranges';
import { tickStep, timeTicks } from '../../lib/time-ticks';
import { CHART_FIELDS, chartsData } from './chart-defs';
import { finishWhenDrawn, markRangePicked } from './chart-timing';
import { ExportButton } from './ExportButton';
import { PowerChart } from './PowerChart';
import { RangeControls } from './RangeControls';

/** Labels on a time axis: a chart is at least 420 px wide, room for six. */
const TICKS_PER_CHART = 6;
/** Budget steps: a small resize does not ask again. */
const BUDGET_STEP = 100;

/** Points per series for the width of one chart in the grid (null until measured). */
function usePointBudget(grid: RefObject<HTMLElement | null>): number | null {
  const [budget, setBudget] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = grid.current;
    if (!el) return;
    const measure = () => {
      // The grid's columns (auto-fit lists them even while it is empty) share its width.
      const style = getComputedStyle(el);
      const columns = Math.max(1, style.gridTemplateColumns.split(' ').length);
      const gap = parseFloat(style.columnGap) || 0;
      const chartWidth = (el.clientWidth - gap * (columns - 1)) / columns;
      setBudget(Math.min(2000, Math.max(300, Math.round(chartWidth / BUDGET_STEP) * BUDGET_STEP)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [grid]);
  return budget;
}

export const ChartsView = memo(function ChartsView({ sn }: { sn: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<RangeKind>('24h');
  const [range, setRange] = useState<TimeRange>(() => presetRange('24h', Date.now()));
  const [drawMs, setDrawMs] = useState<{ label: string; ms: number } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const maxPoints = usePointBudget(container);
  const series = useSeries(sn, range, CHART_FIELDS, maxPoints);

  const pick = (k: RangeKind, r: TimeRange) => {
    markRangePicked(k, r.from);
    setKind(k);
    setRange(r);
  };
  const onPreset = (p: RangePreset) => pick(p, presetRange(p, Date.now()));
  const onPan = (f: number) => pick('custom', pan(range, f, Date.now()));
  const onZoom = (factor: number, center?: number) => pick('custom', zoom(range, factor, Date.now(), center));

  const charts = useMemo(() => {
    if (!series.data || !series.range || maxPoints === null) return null;
    const { from, to } = series.range;
    const step = tickStep(from, to, TICKS_PER_CHART);
    const axis = { range: series.range, ticks: timeTicks(from, to, step), unit: step.unit };
    return chartsData(series.data, maxPoints).map((c) => ({ ...c, axis }));
  }, [series.data, series.range, maxPoints]);

  useEffect(() => finishWhenDrawn(container.current, (label, ms) => setDrawMs({ label, ms })), [charts]);

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => void> = { ArrowLeft: () => onPan(-0.25), ArrowRight: () => onPan(0.25), '+': () => onZoom(0.5), '=': () => onZoom(0.5), '-': () => onZoom(2) };
    const move = moves[e.key];
    if (move && e.target === e.currentTarget) {
      e.preventDefault();
      move();
    }
  };
  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    if (!e.ctrlKey && !e.altKey) return; // plain wheel scrolls the page
    const box = e.currentTarget.getBoundingClientRect();
    const at = range.from + ((e.clientX - box.left) / Math.max(1, box.width)) * (range.to - range.from);
    onZoom(e.deltaY < 0 ? 0.8 : 1.25, at);
  };

  const state = series.loading ? 'loading' : series.error ? 'error' : 'ready';
  return (
    <section className="charts-view" aria-labelledby="charts-title">
      <div className="view-head">
        <h2 id="charts-title">{t('charts.title')}</h2>
        <RangeControls kind={kind} onPreset={onPreset} onCustom={(r) => pick('custom', r)} onPan={onPan} onZoom={(f) => onZoom(f)} />
        <ExportButton sn={sn} range={series.range ?? range} />
      </div>
      <p className="muted small" aria-live="polite">
        {series.data
          ? t('charts.resolution', { res: series.data.bucketMs > 0 ? t('charts.res.bucket', { step: formatStep(series.data.bucketMs) }) : t('charts.res.raw') })
          : t('charts.loading')}
      </p>
      {series.error ? <ErrorNotice error={series.error} /> : null}
      <div
        ref={container}
        className="charts-grid"
        data-testid="charts"
        data-chart-state={state}
        data-range-kind={kind}
        data-from={series.range?.from ?? ''}
        data-to={series.range?.to ?? ''}
        data-resolution={series.data?.resolution ?? ''}
        data-max-points={maxPoints ?? ''}
        data-draw-label={drawMs?.label ?? ''}
        data-draw-ms={drawMs ? drawMs.ms.toFixed(1) : ''}
        tabIndex={0}
        aria-label={`${t('charts.title')}: ← → ${t('charts.panBack')} / ${t('charts.panForward')}, + − ${t('charts.zoomIn')} / ${t('charts.zoomOut')}`}
        onKeyDown={onKey}
        onWheel={onWheel}
      >
        {charts?.map((c) => <PowerChart key={c.def.id} def={c.def} rows={c.rows} lines={c.lines} axis={c.axis} />)}
      </div>
    </section>
  );
});
