// Checked through local-time getters, so the tests hold in any time zone.
import { describe, expect, it } from 'vitest';
import { tickStep, timeTicks } from '../../../../renderer/lib/time-ticks';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = new Date(2026, 5, 17, 13, 47, 12, 345).getTime();

describe('time axis ticks', () => {
  it('picks the finest step within the tick count for each preset', () => {
    expect(tickStep(now - HOUR, now, 6)).toEqual({ unit: 'minute', n: 10 });
    expect(tickStep(now - DAY, now, 6)).toEqual({ unit: 'hour', n: 6 });
    expect(tickStep(now - 7 * DAY, now, 6)).toEqual({ unit: 'day', n: 2 });
    expect(tickStep(now - 30 * DAY, now, 6)).toEqual({ unit: 'week', n: 1 });
    expect(tickStep(now - 365 * DAY, now, 6)).toEqual({ unit: 'month', n: 2 });
  });

  it('puts minute and hour ticks on round local times inside the range', () => {
    const minutes = timeTicks(now - HOUR, now, { unit: 'minute', n: 10 });
    expect(minutes).toHaveLength(6);
    for (const t of minutes) {
      expect(new Date(t).getMinutes() % 10).toBe(0);
      expect(new Date(t).getSeconds()).toBe(0);
    }
    const hours = timeTicks(now - DAY, now, { unit: 'hour', n: 6 });
    expect(hours.map((t) => new Date(t).getHours()).sort((a, b) => a - b)).toEqual([0, 6, 12, 18]);
    for (const t of [...minutes, ...hours]) expect(t >= now - DAY && t <= now).toBe(true);
  });

  it('puts day ticks on local midnights, every second day counted from the 1st', () => {
    const days = timeTicks(now - 7 * DAY, now, { unit: 'day', n: 2 });
    expect(days.map((t) => new Date(t).getDate())).toEqual([11, 13, 15, 17]);
    for (const t of days) expect(new Date(t).getHours()).toBe(0);
    // Across a month end the grid restarts on the 1st.
    const end = new Date(2026, 6, 4).getTime();
    expect(timeTicks(end - 6 * DAY, end, { unit: 'day', n: 2 }).map((t) => new Date(t).getDate())).toEqual([29, 1, 3]);
  });

  it('puts week ticks on Mondays and month ticks on the first of a quarter', () => {
    const weeks = timeTicks(now - 30 * DAY, now, { unit: 'week', n: 1 });
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    for (const t of weeks) expect(new Date(t).getDay()).toBe(1);
    const months = timeTicks(now - 365 * DAY, now, { unit: 'month', n: 3 });
    expect(months.map((t) => new Date(t).getMonth())).toEqual([6, 9, 0, 3]);
    for (const t of months) expect(new Date(t).getDate()).toBe(1);
  });

  it('pans without moving the ticks', () => {
    const a = timeTicks(now - DAY, now, { unit: 'hour', n: 3 });
    const b = timeTicks(now - DAY + 2 * HOUR, now + 2 * HOUR, { unit: 'hour', n: 3 });
    expect(b.filter((t) => a.includes(t)).length).toBeGreaterThanOrEqual(a.length - 1);
  });
});
