import { describe, expect, it } from 'vitest';
import { ENERGY_KEYS, MINUTE_MS } from '../../../../../main/core/store/columns';
import { dcOutWatts, integrateSegment, type EnergySink } from '../../../../../main/core/store/energy-math';
import { rollupsOf, ACC } from '../../../../../main/core/store/rollups';
import { T0, reading, steady } from './fixtures';

/** Collects energy per key and per minute. */
function collect(): EnergySink & { total: Record<string, number>; perMinute: Map<number, number>; coveredMs: number } {
  const total: Record<string, number> = Object.fromEntries(ENERGY_KEYS.map((k) => [k, 0]));
  const perMinute = new Map<number, number>();
  const sink = {
    total,
    perMinute,
    coveredMs: 0,
    energy(at: number, key: number, wh: number) {
      total[ENERGY_KEYS[key]!]! += wh;
      if (key === 0) {
        const m = Math.floor(at / MINUTE_MS) * MINUTE_MS;
        perMinute.set(m, (perMinute.get(m) ?? 0) + wh);
      }
    },
    covered(_at: number, ms: number) {
      sink.coveredMs += ms;
    },
  };
  return sink;
}

const whIn = (acc: ReturnType<typeof rollupsOf>): number =>
  [...acc.hour.rows.values()].reduce((s, r) => s + r.data[ACC.energy + ENERGY_KEYS.indexOf('whIn')]!, 0);

describe('energy between readings', () => {
  it('integrates constant power: 1000 W for an hour is 1000 Wh', () => {
    const acc = rollupsOf(steady(T0, 361, 10_000, { wattsIn: 1000 }));
    expect(whIn(acc)).toBeCloseTo(1000, 9);
  });

  it('uses the trapezoid rule and splits exactly at minute boundaries', () => {
    // 0 W at 00:00:30 rising linearly to 600 W at 00:01:30: 30 s average 150 W, then 30 s average 450 W.
    const s = collect();
    integrateSegment(reading(T0 + 30_000, { wattsIn: 0 }), reading(T0 + 90_000, { wattsIn: 600 }), s);
    expect(s.total.whIn).toBeCloseTo(5, 9); // 300 W × 60 s
    expect(s.perMinute.get(T0)).toBeCloseTo(150 * (30 / 3600), 9);
    expect(s.perMinute.get(T0 + MINUTE_MS)).toBeCloseTo(450 * (30 / 3600), 9);
    expect(s.coveredMs).toBe(60_000);
  });

  it('does not integrate across a gap longer than 5 minutes', () => {
    const s = collect();
    integrateSegment(reading(T0, { wattsIn: 500 }), reading(T0 + 5 * MINUTE_MS + 1, { wattsIn: 500 }), s);
    expect(s.total.whIn).toBe(0);
    expect(s.coveredMs).toBe(0);
    const t = collect();
    integrateSegment(reading(T0, { wattsIn: 500 }), reading(T0 + 5 * MINUTE_MS, { wattsIn: 500 }), t);
    expect(t.total.whIn).toBeCloseTo(500 / 12, 9);
  });

  it('skips a quantity whose power is unknown at either end', () => {
    const s = collect();
    integrateSegment(reading(T0, { wattsIn: 100, wattsOut: null }), reading(T0 + 10_000, { wattsIn: 100, wattsOut: 50 }), s);
    expect(s.total.whIn).toBeGreaterThan(0);
    expect(s.total.whOut).toBe(0);
  });

  it('prefers the device counter over integrated power', () => {
    const s = collect();
    integrateSegment(
      reading(T0, { solarWatts: 100, energySolarInWh: 5000 }),
      reading(T0 + 60_000, { solarWatts: 100, energySolarInWh: 5003 }),
      s,
    );
    expect(s.total.whSolar).toBeCloseTo(3, 9); // not 100 W × 1 min = 1.67 Wh
  });

  it('credits a counter delta across a gap (the device kept counting), spread over the gap', () => {
    const s = collect();
    integrateSegment(reading(T0, { energyAcInWh: 100 }), reading(T0 + 60 * MINUTE_MS, { energyAcInWh: 400 }), s);
    expect(s.total.whAcIn).toBeCloseTo(300, 9);
    expect(s.coveredMs).toBe(0); // no readings in between: not "covered"
  });

  it('guards a counter reset: the new count since the reset is the energy', () => {
    const s = collect();
    const stats = integrateSegment(reading(T0, { energyAcOutWh: 12_000 }), reading(T0 + 10_000, { energyAcOutWh: 2 }), s);
    expect(s.total.whAcOut).toBe(2);
    expect(stats.counterResets).toBe(1);
  });

  it('guards a counter jump: falls back to integrated power', () => {
    const s = collect();
    const stats = integrateSegment(
      reading(T0, { acOutWatts: 360, energyAcOutWh: 100 }),
      reading(T0 + 10_000, { acOutWatts: 360, energyAcOutWh: 900_000 }),
      s,
    );
    expect(stats.counterJumps).toBe(1);
    expect(s.total.whAcOut).toBeCloseTo(1, 9); // 360 W × 10 s
  });

  it('sums the DC ports for DC output', () => {
    expect(dcOutWatts(reading(T0))).toBeNull();
    expect(dcOutWatts(reading(T0, { usb1Watts: 5, typec1Watts: 60, carOutWatts: 40 }))).toBe(105);
  });

  it('ignores readings that go back in time and identical timestamps', () => {
    const acc = rollupsOf([reading(T0, { wattsIn: 100 }), reading(T0 + 60_000, { wattsIn: 100 }), reading(T0 + 30_000, { wattsIn: 9999 }), reading(T0 + 60_000, { wattsIn: 9999 })]);
    expect(whIn(acc)).toBeCloseTo(100 / 60, 9);
  });
});
