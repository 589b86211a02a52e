import { describe, expect, it } from 'vitest';
import { capacityWhOf, estimateMinutes, isSaneDeviceMinutes, smoothNetWatts, type EstimateInput } from '../../../../renderer/lib/time-estimate';

const now = 1_000_000_000;
const steady = (w: number) => Array.from({ length: 10 }, (_, i) => ({ ts: now - i * 30_000, netWatts: w }));
const base: EstimateInput = {
  socPercent: 60,
  capacityWh: 3600,
  chargeLimitPercent: 100,
  dischargeLimitPercent: 10,
  samples: steady(-600),
  deviceMinutesToFull: null,
  deviceMinutesToEmpty: null,
  now,
};

describe('smoothNetWatts', () => {
  it('is the value itself for a steady load', () => {
    expect(smoothNetWatts(steady(-300), now)).toBeCloseTo(-300);
  });
  it('weights recent samples more than old ones', () => {
    const samples = [
      { ts: now - 30 * 60_000, netWatts: -1000 },
      { ts: now - 10_000, netWatts: -100 },
    ];
    const w = smoothNetWatts(samples, now)!;
    expect(w).toBeGreaterThan(-200);
    expect(w).toBeLessThan(-100);
  });
  it('ignores future and non-finite samples; null with nothing', () => {
    expect(smoothNetWatts([{ ts: now + 1, netWatts: 5 }, { ts: now, netWatts: Number.NaN }], now)).toBeNull();
  });
});

describe('estimateMinutes', () => {
  it('counts down to the discharge limit, not to 0 %', () => {
    // 50 % of 3600 Wh = 1800 Wh at 600 W = 180 min.
    const e = estimateMinutes(base);
    expect(e).toMatchObject({ direction: 'discharging', source: 'estimate' });
    expect(e.minutes).toBeCloseTo(180);
  });
  it('counts up to the charge limit when charging', () => {
    const e = estimateMinutes({ ...base, samples: steady(1200), chargeLimitPercent: 90 });
    expect(e.direction).toBe('charging');
    expect(e.minutes).toBeCloseTo(54); // 30 % of 3600 Wh at 1200 W
  });
  it("prefers the device's own figure when it is sane", () => {
    expect(estimateMinutes({ ...base, deviceMinutesToEmpty: 200 })).toMatchObject({ source: 'device', minutes: 200 });
  });
  it("rejects the device's figure when it is wild", () => {
    expect(estimateMinutes({ ...base, deviceMinutesToEmpty: 5999 }).source).toBe('estimate');
    expect(estimateMinutes({ ...base, deviceMinutesToEmpty: 0 }).source).toBe('estimate');
  });
  it('is idle below a few watts', () => {
    expect(estimateMinutes({ ...base, samples: steady(2) })).toMatchObject({ direction: 'idle', minutes: null });
  });
  it('uses the device figure alone when capacity is unknown, or gives up', () => {
    expect(estimateMinutes({ ...base, capacityWh: null, deviceMinutesToEmpty: 90 })).toMatchObject({ source: 'device', minutes: 90 });
    expect(estimateMinutes({ ...base, capacityWh: null })).toMatchObject({ source: 'none', minutes: null });
  });
});

describe('helpers', () => {
  it('isSaneDeviceMinutes bounds the ratio to our own figure', () => {
    expect(isSaneDeviceMinutes(100, 60)).toBe(true);
    expect(isSaneDeviceMinutes(130, 60)).toBe(false);
    expect(isSaneDeviceMinutes(null, 60)).toBe(false);
  });
  it('capacityWhOf multiplies Ah by V and rejects nonsense', () => {
    expect(capacityWhOf(80, 45)).toBe(3600);
    expect(capacityWhOf(0, 45)).toBeNull();
    expect(capacityWhOf(null, 45)).toBeNull();
  });
});
