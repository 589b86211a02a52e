import { describe, expect, it } from 'vitest';
import { formatCount, formatDay, formatDuration, formatKwh, formatPercent, formatRelative, formatStep, formatTick, formatWatts } from '../../../../renderer/lib/format';

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
  it('bucket widths', () => {
    expect([10_000, 30 * 60_000, 2 * 3_600_000, 86_400_000].map(formatStep)).toEqual(['10 s', '30 min', '2 h', '1 d']);
  });
  it('axis labels: times within a day, dates past it, months for a year; no year on a ledger axis', () => {
    const ts = new Date(2026, 10, 7, 15, 30).getTime();
    expect(formatTick(ts, 'en', 'hour', 86_400_000)).toBe('15:30');
    expect(formatTick(ts, 'en', 'day', 7 * 86_400_000)).toBe('7 Nov');
    expect(formatTick(ts, 'en', 'month', 365 * 86_400_000)).toBe('Nov 2026');
    expect(formatDay(ts, 'en', 'day')).toBe('7 Nov 2026');
    expect(formatDay(ts, 'en', 'day', true)).toBe('7 Nov');
    expect(formatDay(ts, 'fi', 'month')).toMatch(/marraskuu.* 2026/);
  });
  it('relative times and counts in the language', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(formatRelative(now - 30_000, now, 'en')).toBe('30 seconds ago');
    expect(formatRelative(now + 2 * 60_000, now, 'en')).toBe('in 2 minutes');
    expect(formatRelative(now - 3 * 3_600_000, now, 'fi')).toBe('3 tuntia sitten');
    expect(formatCount(44_761, 'en')).toBe('44,761');
  });
});
