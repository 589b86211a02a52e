import { describe, expect, it } from 'vitest';
import { inWatts, outWatts, PowerStation } from '../../../../../../main/core/simulator/physics/power-station';
import { solarWatts, sunElevationSin } from '../../../../../../main/core/simulator/physics/solar';

const JUNE = Date.UTC(2026, 5, 21, 0, 0);
const DEC = Date.UTC(2026, 11, 21, 0, 0);
const HOUR = 3_600_000;

/** Steps like a client that samples each published value and holds it until the next one. */
function run(st: PowerStation, hours: number, stepMs = 10_000): { netWh: number; throughputWh: number; maxSoc: number; minSoc: number } {
  let netWh = 0;
  let throughputWh = 0;
  let maxSoc = st.soc();
  let minSoc = st.soc();
  for (let t = 0; t < hours * HOUR; t += stepMs) {
    const f = st.flows;
    netWh += ((inWatts(f) - outWatts(f)) * stepMs) / HOUR;
    throughputWh += ((inWatts(f) + outWatts(f)) * stepMs) / HOUR;
    st.step(stepMs);
    maxSoc = Math.max(maxSoc, st.soc());
    minSoc = Math.min(minSoc, st.soc());
  }
  return { netWh, throughputWh, maxSoc, minSoc };
}

describe('PowerStation energy balance', () => {
  it('stored energy changes by exactly the true ledger (no hidden losses)', () => {
    const st = new PowerStation({ family: 'delta-pro', seed: 5, startMs: JUNE });
    run(st, 72);
    const l = st.ledger();
    expect(l.solarInWh).toBeGreaterThan(1000);
    expect(l.acOutWh).toBeGreaterThan(1000);
    expect(l.dcOutWh).toBeGreaterThan(100);
    expect(l.totalInWh).toBeCloseTo(l.solarInWh + l.acInWh + l.dcInWh, 6);
    expect(l.batteryDeltaWh).toBeCloseTo(l.totalInWh - l.totalOutWh, 6);
  });

  for (const family of ['delta-pro', 'delta-2'] as const) {
    for (const [label, start] of [['summer', JUNE], ['winter', DEC]] as const) {
      it(`${family} ${label}: SoC change × capacity ≈ ∫(in − out) of the published watts within 2 %`, () => {
        const st = new PowerStation({ family, seed: 11, startMs: start });
        const soc0 = st.soc();
        const r = run(st, 48);
        const socWh = (st.soc() - soc0) * st.capacityWh();
        expect(Math.abs(socWh - r.netWh)).toBeLessThan(0.02 * r.throughputWh);
      });
    }
  }

  it('both packs move with net power, the emptier one taking more charge', () => {
    const st = new PowerStation({ family: 'delta-pro', seed: 2, startMs: JUNE + 8 * HOUR, initialSoc: 0.4 });
    const gap0 = Math.abs(st.packSoc(0) - st.packSoc(1));
    run(st, 6);
    expect(st.packSoc(0)).toBeGreaterThan(0.4);
    expect(st.packSoc(1)).toBeGreaterThan(0.4);
    expect(Math.abs(st.packSoc(0) - st.packSoc(1))).toBeLessThan(gap0);
  });
});

describe('PowerStation limits', () => {
  it('never charges past the charge limit and curtails solar there', () => {
    const st = new PowerStation({ family: 'delta-pro', seed: 3, startMs: JUNE, initialSoc: 0.6 });
    st.settings.maxChargeSoc = 80;
    st.refresh();
    const r = run(st, 48);
    expect(r.maxSoc).toBeLessThanOrEqual(0.8 + 1e-9);
    expect(r.maxSoc).toBeGreaterThan(0.79);
  });

  it('never discharges below the discharge limit and sheds the outputs there', () => {
    const st = new PowerStation({
      family: 'delta-2',
      seed: 4,
      startMs: DEC,
      initialSoc: 0.3,
      site: { peakWatts: 0 },
      acChargeBelowSoc: 0,
    });
    st.settings.minDsgSoc = 20;
    st.refresh();
    const r = run(st, 48);
    expect(r.minSoc).toBeGreaterThanOrEqual(0.2 - 1e-9);
    expect(r.minSoc).toBeLessThan(0.201);
    expect(st.flows.acOut).toBe(0);
    expect(st.ledger().batteryDeltaWh).toBeCloseTo(st.ledger().totalInWh - st.ledger().totalOutWh, 6);
  });

  it('grid-charges at the configured watts below 20 % and stops at 60 %', () => {
    const st = new PowerStation({ family: 'delta-pro', seed: 6, startMs: DEC, initialSoc: 0.19 });
    expect(st.flows.acIn).toBe(st.settings.acChargeWatts);
    run(st, 30);
    expect(st.ledger().acInWh).toBeGreaterThan(0.35 * st.capacityWh());
    expect(st.soc()).toBeLessThan(0.62);
  });

  it('switching AC, DC and car off removes those loads', () => {
    const st = new PowerStation({ family: 'delta-pro', seed: 7, startMs: JUNE + 12 * HOUR });
    Object.assign(st.settings, { acEnabled: false, dcEnabled: false, carEnabled: false });
    st.refresh();
    expect(outWatts(st.flows)).toBe(0);
  });
});

describe('solar curve', () => {
  const site = { latitude: 60.17, longitude: 24.94, peakWatts: 1000 };

  it('is zero at night and positive around solar noon', () => {
    for (const day of [JUNE, DEC, Date.UTC(2026, 2, 20)]) {
      // Local solar midnight is about 22:20 UTC at 25° E.
      expect(solarWatts(day + 22 * HOUR + 20 * 60_000, site, 1)).toBe(0);
      expect(sunElevationSin(day + 22 * HOUR, site)).toBeLessThan(0.1);
    }
    expect(solarWatts(JUNE + 10 * HOUR + 20 * 60_000, site, 1)).toBeGreaterThan(200);
  });

  it('gives more energy on a summer day than on a winter day, and never more than the panel peak', () => {
    let summer = 0;
    let winter = 0;
    for (let t = 0; t < 24 * HOUR; t += 60_000) {
      const s = solarWatts(JUNE + t, site, 9);
      expect(s).toBeLessThanOrEqual(1000);
      summer += s / 60;
      winter += solarWatts(DEC + t, site, 9) / 60;
    }
    expect(summer).toBeGreaterThan(4 * winter);
    expect(winter).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('the same seed and clock give the same world; another seed a different one', () => {
    const a = new PowerStation({ family: 'delta-pro', seed: 99, startMs: JUNE });
    const b = new PowerStation({ family: 'delta-pro', seed: 99, startMs: JUNE });
    const c = new PowerStation({ family: 'delta-pro', seed: 100, startMs: JUNE });
    run(a, 10);
    run(b, 10);
    run(c, 10);
    expect(b.soc()).toBe(a.soc());
    expect(b.flows).toEqual(a.flows);
    expect(c.soc()).not.toBe(a.soc());
  });
});
