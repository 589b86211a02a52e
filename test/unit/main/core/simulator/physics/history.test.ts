import { describe, expect, it } from 'vitest';
import { generateHistory, generateQuotaHistory } from '../../../../../../main/core/simulator/physics/history';

const FROM = Date.UTC(2026, 3, 1);
const DAY = 86_400_000;

describe('generateHistory', () => {
  it('yields one reading per step, deterministic for a seed', () => {
    const a = [...generateHistory({ sn: 'DCABZ0000000001', from: FROM, to: FROM + DAY, stepMs: 60_000, seed: 4 })];
    const b = [...generateHistory({ sn: 'DCABZ0000000001', from: FROM, to: FROM + DAY, stepMs: 60_000, seed: 4 })];
    expect(a).toHaveLength(24 * 60 + 1);
    expect(a[0]?.ts).toBe(FROM);
    expect(a.at(-1)?.ts).toBe(FROM + DAY);
    expect(b).toEqual(a);
    expect(a.some((r) => (r.solarWatts ?? 0) > 0)).toBe(true);
    expect(a.every((r) => r.socPercent !== null && r.socPercent >= 0 && r.socPercent <= 100)).toBe(true);
  });

  it('picks the family from the serial and produces quota maps that match the readings', () => {
    const opts = { sn: 'R331ZEB4ZEAL0528', from: FROM, to: FROM + 3_600_000, stepMs: 600_000, seed: 2 };
    const readings = [...generateHistory(opts)];
    const quotas = [...generateQuotaHistory(opts)];
    expect(quotas).toHaveLength(readings.length);
    quotas.forEach((q, i) => {
      expect(q.quota['bms_emsStatus.lcdShowSoc']).toBe(readings[i]?.socPercent);
      expect(q.quota['pd.wattsOutSum']).toBe(readings[i]?.wattsOut);
    });
  });

  // About 500k steps/s alone; the floor leaves room for a machine busy with other test files.
  it('is fast enough to fill a year of data quickly (≥ 30k steps/s under load)', () => {
    const t0 = performance.now();
    let n = 0;
    for (const r of generateHistory({ sn: 'DCABZ0000000002', from: FROM, to: FROM + 200 * DAY, stepMs: 60_000 })) if (r) n++;
    const perSecond = n / ((performance.now() - t0) / 1000);
    expect(n).toBe(200 * 24 * 60 + 1);
    expect(perSecond).toBeGreaterThan(30_000);
  });

  it('refuses a step that would never end', () => {
    expect(() => generateHistory({ sn: 'DCABZ1', from: 0, to: 1, stepMs: 0 }).next()).toThrow(/positive stepMs/);
  });
});
