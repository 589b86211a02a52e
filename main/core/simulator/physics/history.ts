// Bulk history for benchmarks and fixtures: the physics stepped from `from` to
// `to`, yielding a decoded-ready Reading (fast: well over 100k steps/s) or the
// raw quota map (slower, a few hundred keys each) at every step. Deterministic
// for a given seed.
import type { Reading } from '../../../../common/reading';
import { delta2Quota } from './delta-2-quota';
import { deltaProQuota } from './delta-pro-quota';
import { seedOf } from './noise';
import { PowerStation, type StationOptions } from './power-station';
import type { SimFamily } from './profiles';
import type { QuotaMap } from './quota-common';
import { readingTemplate, stationReading } from './reading';

export interface HistoryOptions {
  sn: string;
  family?: SimFamily;
  from: number;
  to: number;
  stepMs: number;
  seed?: number;
  initialSoc?: number;
  site?: StationOptions['site'];
}

function station(o: HistoryOptions): PowerStation {
  const family = o.family ?? (o.sn.startsWith('R331') ? 'delta-2' : 'delta-pro');
  return new PowerStation({
    family,
    seed: seedOf(o.seed ?? 1, o.sn),
    startMs: o.from,
    ...(o.initialSoc !== undefined ? { initialSoc: o.initialSoc } : {}),
    ...(o.site ? { site: o.site } : {}),
  });
}

/** One Reading per step, the first at `from`, the last at or before `to`. */
export function* generateHistory(o: HistoryOptions): Generator<Reading> {
  if (!(o.stepMs > 0)) throw new Error('generateHistory needs a positive stepMs.');
  const st = station(o);
  const template = readingTemplate(o.sn);
  for (let t = o.from; t <= o.to; t += o.stepMs) {
    if (t > st.timeMs) st.step(t - st.timeMs);
    yield stationReading(st, template);
  }
}

/** The raw quota map (as quota/all would answer) at every step. */
export function* generateQuotaHistory(o: HistoryOptions): Generator<{ ts: number; quota: QuotaMap }> {
  if (!(o.stepMs > 0)) throw new Error('generateQuotaHistory needs a positive stepMs.');
  const st = station(o);
  const build = st.profile.family === 'delta-pro' ? deltaProQuota : delta2Quota;
  for (let t = o.from; t <= o.to; t += o.stepMs) {
    if (t > st.timeMs) st.step(t - st.timeMs);
    yield { ts: t, quota: build(st) };
  }
}
