import { expect, test } from 'vitest';
import { Backoff, DEFAULT_BACKOFF } from '../../../../../main/core/sync/backoff';

test('doubles from 1 s to 5 min with ±20 % jitter, reset starts over', () => {
  const mid = new Backoff(DEFAULT_BACKOFF, () => 0.5);
  const seq = Array.from({ length: 12 }, () => mid.next());
  expect(seq.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
  expect(seq.at(-1)).toBe(300_000);
  const low = new Backoff(DEFAULT_BACKOFF, () => 0);
  low.next();
  expect(low.next()).toBe(1600);
  const high = new Backoff(DEFAULT_BACKOFF, () => 0.999);
  expect(high.next()).toBeLessThanOrEqual(1200);
  mid.reset();
  expect(mid.next()).toBe(1000);
});
