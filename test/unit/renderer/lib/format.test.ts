import { describe, expect, it } from 'vitest';
import { formatDuration, formatKwh, formatPercent, formatWatts } from '../../../../renderer/lib/format';

describe('format', () => {
  it('durations read naturally', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(135)).toBe('2 h 15 min');
    expect(formatDuration(3 * 24 * 60 + 250)).toBe('3 d 4 h');
  });
  it('watts, percent, kWh; unknown is a dash', () => {
    expect(formatWatts(1234.4, 'en')).toBe('1,234 W');
    expect(formatWatts(null, 'en')).toBe('–');
    expect(formatWatts(12_500, 'en')).toBe('12.5 kW');
    expect(formatPercent(42.6, 'en')).toBe('43 %');
    expect(formatKwh(1234, 'en')).toBe('1.23');
  });
});
