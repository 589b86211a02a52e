// Measures "range picked → every chart drawn" with performance marks, so tests
// and the bench read the same number: performance.getEntriesByName('chart.draw.30d').
// A chart counts as drawn when it shows the picked range and its line paths
// hold exactly the points it was given (recharts redraws a frame after React
// commits the new rows, so the old range's paths linger for a moment), or it
// says there is no data.

export const PICK_MARK = 'paku:chart-range-picked';

let pending: { label: string; from: number } | null = null;

/** Call in the event handler that picks a range, before any state update. */
export function markRangePicked(label: string, from: number): void {
  performance.clearMarks(PICK_MARK);
  performance.mark(PICK_MARK);
  pending = { label, from };
}

function chartDrawn(el: HTMLElement, from: number): boolean {
  if (el.dataset.from !== String(from)) return false;
  const lines = Number(el.dataset.lines ?? '0');
  if (lines === 0) return true;
  const paths = el.querySelectorAll('path.recharts-line-curve');
  if (paths.length < lines) return false;
  const want = Object.values(JSON.parse(el.dataset.points ?? '{}') as Record<string, number>).reduce((a, b) => a + b, 0);
  let drawn = 0;
  for (const p of paths) drawn += p.getAttribute('d')?.match(/[ML]/g)?.length ?? 0;
  return drawn === want;
}

/** Finishes the pending measure once every [data-chart] in `container` is drawn. */
export function finishWhenDrawn(container: HTMLElement | null, onMeasured: (label: string, ms: number) => void): () => void {
  if (pending === null || !container) return () => {};
  let frame = 0;
  const check = () => {
    const p = pending;
    if (p === null) return;
    const charts = [...container.querySelectorAll<HTMLElement>('[data-chart]')];
    if (charts.length === 0 || !charts.every((c) => chartDrawn(c, p.from))) {
      frame = requestAnimationFrame(check);
      return;
    }
    pending = null;
    const m = performance.measure(`chart.draw.${p.label}`, PICK_MARK);
    onMeasured(p.label, m.duration);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}
