// Time axis ticks: a "nice" step (minutes, hours, days, weeks, months) giving
// at most `max` ticks over a range, placed on local-time boundaries (whole
// minutes and hours, local midnight, Mondays, the first of a month), so the
// labels read as round times and stay put while the range pans (every second
// day counts from the 1st of the month, as d3's timeDay.every(2) does).

export type TickUnit = 'minute' | 'hour' | 'day' | 'week' | 'month';

export interface TickStep {
  unit: TickUnit;
  n: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const APPROX_MS: Record<TickUnit, number> = { minute: MIN, hour: HOUR, day: DAY, week: 7 * DAY, month: 30.44 * DAY };

const STEPS: TickStep[] = [
  ...[1, 2, 5, 10, 15, 30].map((n) => ({ unit: 'minute' as const, n })),
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: 'hour' as const, n })),
  ...[1, 2].map((n) => ({ unit: 'day' as const, n })),
  { unit: 'week', n: 1 },
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: 'month' as const, n })),
];

/** The finest step that gives at most `max` ticks over [from, to]. */
export function tickStep(from: number, to: number, max: number): TickStep {
  const span = Math.max(0, to - from);
  return STEPS.find((s) => span / (APPROX_MS[s.unit] * s.n) <= max) ?? STEPS[STEPS.length - 1]!;
}

/** The first boundary of `step` at or after `from`, in local time. */
function firstTick(from: number, step: TickStep): Date {
  const d = new Date(from);
  d.setSeconds(0, 0);
  if (step.unit === 'minute') d.setMinutes(Math.floor(d.getMinutes() / step.n) * step.n);
  else if (step.unit === 'hour') d.setHours(Math.floor(d.getHours() / step.n) * step.n, 0);
  else {
    d.setHours(0, 0);
    if (step.unit === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    if (step.unit === 'month') d.setMonth(Math.floor(d.getMonth() / step.n) * step.n, 1);
  }
  while (d.getTime() < from || !onGrid(d, step)) advance(d, step);
  return d;
}

const onGrid = (d: Date, step: TickStep) => step.unit !== 'day' || (d.getDate() - 1) % step.n === 0;

/** Moves `d` to the next candidate (a day at a time for days: month ends break their grid). */
function advance(d: Date, step: TickStep): void {
  const n = step.unit === 'day' ? 1 : step.n;
  if (step.unit === 'minute') d.setMinutes(d.getMinutes() + n);
  else if (step.unit === 'hour') d.setHours(d.getHours() + n);
  else if (step.unit === 'day') d.setDate(d.getDate() + n);
  else if (step.unit === 'week') d.setDate(d.getDate() + 7 * n);
  else d.setMonth(d.getMonth() + n);
}

/** Tick times within [from, to] for `step`. */
export function timeTicks(from: number, to: number, step: TickStep): number[] {
  const out: number[] = [];
  // The guard only matters for a broken range; a year of minute ticks is never asked for.
  for (const d = firstTick(from, step); d.getTime() <= to && out.length < 1000; advance(d, step)) if (onGrid(d, step)) out.push(d.getTime());
  return out;
}
