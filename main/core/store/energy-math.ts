// Energy between two consecutive readings of one device (pure).
// Per ledger quantity, the device's cumulative counter is preferred when both
// readings carry it and its delta is plausible; otherwise power is integrated
// by the trapezoid rule, but never across a gap longer than maxGapMs (a gap
// stays unknown rather than being filled with a straight line). The energy is
// split exactly at minute boundaries, so minute and hour rollups both get their
// share.
import type { Reading, ReadingField } from '../../../common/reading';
import { DC_OUT_FIELDS, ENERGY_KEYS, HOUR_MS, MINUTE_MS, type EnergyKey } from './columns';

export interface EnergyOptions {
  /** Power is not integrated across a silence longer than this. */
  maxGapMs: number;
  /** Counter deltas spanning more than this are not trusted (cannot be placed in time). */
  counterMaxGapMs: number;
  /** A counter delta above maxWatts × elapsed time (+ slack for counter resolution) is a jump, not energy. */
  maxWatts: number;
  counterSlackWh: number;
}

export const DEFAULT_ENERGY_OPTIONS: EnergyOptions = {
  maxGapMs: 5 * MINUTE_MS,
  counterMaxGapMs: 6 * 60 * MINUTE_MS,
  maxWatts: 10_000,
  counterSlackWh: 20,
};

/** DC output power: the sum of the DC ports that are known, null when none is. */
export function dcOutWatts(r: Reading): number | null {
  let sum: number | null = null;
  for (const f of DC_OUT_FIELDS) {
    const v = r[f];
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

interface LedgerSource {
  power: (r: Reading) => number | null;
  counter: ReadingField | null;
}

const field =
  (f: ReadingField) =>
  (r: Reading): number | null =>
    r[f];

export const LEDGER_SOURCES: Record<EnergyKey, LedgerSource> = {
  whIn: { power: field('wattsIn'), counter: null },
  whOut: { power: field('wattsOut'), counter: null },
  whSolar: { power: field('solarWatts'), counter: 'energySolarInWh' },
  whAcIn: { power: field('acInWatts'), counter: 'energyAcInWh' },
  whCarIn: { power: field('carInWatts'), counter: 'energyDcInWh' },
  whAcOut: { power: field('acOutWatts'), counter: 'energyAcOutWh' },
  whDcOut: { power: dcOutWatts, counter: 'energyDcOutWh' },
};

/** Receives energy pieces; `at` is any instant inside the minute the piece belongs to. */
export interface EnergySink {
  energy(at: number, key: number, wh: number): void;
  covered(at: number, ms: number): void;
}

export interface SegmentStats {
  counterResets: number;
  counterJumps: number;
}

type Plan = { kind: 'spread'; wh: number } | { kind: 'trapezoid'; p0: number; p1: number } | null;

function planFor(key: EnergyKey, prev: Reading, cur: Reading, dt: number, o: EnergyOptions, stats: SegmentStats): Plan {
  const src = LEDGER_SOURCES[key];
  if (src.counter) {
    const c0 = prev[src.counter];
    const c1 = cur[src.counter];
    if (c0 !== null && c1 !== null && dt <= o.counterMaxGapMs) {
      const limit = (o.maxWatts * dt) / HOUR_MS + o.counterSlackWh;
      const d = c1 - c0;
      if (d >= 0 && d <= limit) return { kind: 'spread', wh: d };
      if (d < 0 && c1 <= limit) {
        // Reset (device restart, counter cleared): what it counted since is the energy.
        stats.counterResets++;
        return { kind: 'spread', wh: c1 };
      }
      stats.counterJumps++;
    }
  }
  if (dt > o.maxGapMs) return null;
  const p0 = src.power(prev);
  const p1 = src.power(cur);
  return p0 !== null && p1 !== null ? { kind: 'trapezoid', p0, p1 } : null;
}

/** Adds the energy of the segment prev → cur (cur.ts > prev.ts) to the sink. */
export function integrateSegment(
  prev: Reading,
  cur: Reading,
  sink: EnergySink,
  o: EnergyOptions = DEFAULT_ENERGY_OPTIONS,
  stats: SegmentStats = { counterResets: 0, counterJumps: 0 },
): SegmentStats {
  const t0 = prev.ts;
  const t1 = cur.ts;
  const dt = t1 - t0;
  if (!(dt > 0)) return stats;
  const plans = ENERGY_KEYS.map((k) => planFor(k, prev, cur, dt, o, stats));
  const integrable = dt <= o.maxGapMs;
  if (!integrable && plans.every((p) => p === null)) return stats;
  for (let a = t0; a < t1; ) {
    const b = Math.min(t1, (Math.floor(a / MINUTE_MS) + 1) * MINUTE_MS);
    const share = (b - a) / dt;
    for (let k = 0; k < plans.length; k++) {
      const p = plans[k];
      if (!p) continue;
      if (p.kind === 'spread') {
        sink.energy(a, k, p.wh * share);
      } else {
        const pa = p.p0 + ((p.p1 - p.p0) * (a - t0)) / dt;
        const pb = p.p0 + ((p.p1 - p.p0) * (b - t0)) / dt;
        sink.energy(a, k, ((pa + pb) / 2) * ((b - a) / HOUR_MS));
      }
    }
    if (integrable) sink.covered(a, b - a);
    a = b;
  }
  return stats;
}
