import { describe, expect, it } from 'vitest';
import { MIN_SPAN_MS, PRESET_MS, customRange, pan, presetRange, zoom } from '../../../../renderer/lib/ranges';

const now = Date.UTC(2026, 5, 1);
const day = 86_400_000;

describe('ranges', () => {
  it('presets end now', () => {
    expect(presetRange('30d', now)).toEqual({ from: now - 30 * day, to: now });
  });
  it('pans back and never past now', () => {
    const r = presetRange('24h', now);
    expect(pan(r, -0.5, now)).toEqual({ from: now - 1.5 * day, to: now - 0.5 * day });
    expect(pan(pan(r, -1, now), 2, now)).toEqual(r);
  });
  it('zooms around a point, bounded', () => {
    const r = { from: now - 2 * day, to: now - day };
    expect(zoom(r, 0.5, now)).toEqual({ from: now - 1.75 * day, to: now - 1.25 * day });
    expect(zoom(r, 1e-9, now).to - zoom(r, 1e-9, now).from).toBe(MIN_SPAN_MS);
    expect(zoom(presetRange('1y', now), 10, now)).toEqual(presetRange('1y', now));
  });
  it('zooming out near now keeps the end at now', () => {
    expect(zoom(presetRange('1h', now), 2, now)).toEqual({ from: now - 2 * PRESET_MS['1h'], to: now });
  });
  it('parses a custom range and explains a bad one', () => {
    const r = customRange('2026-05-01T00:00', '2026-05-02T00:00');
    expect(typeof r === 'object' && r.to - r.from).toBe(day);
    expect(customRange('x', '2026-05-02T00:00')).toBe('invalid');
    expect(customRange('2026-05-02T00:00', '2026-05-01T00:00')).toBe('reversed');
  });
});
