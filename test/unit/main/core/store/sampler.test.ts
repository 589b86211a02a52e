import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../../../common/reading';
import { Sampler, type ReadingSink } from '../../../../../main/core/store/sampler';
import { ManualClock } from '../../../../../main/core/clock';
import { SN, T0, capturingLogger, memoryStore, reading } from './fixtures';

/** A sink recording each insert call (the real store is used in the last tests). */
function recorder(): ReadingSink & { batches: Reading[][]; fail: boolean } {
  const rec = {
    batches: [] as Reading[][],
    fail: false,
    insert(rs: readonly Reading[]): number[] {
      if (rec.fail) throw new Error('database is locked');
      rec.batches.push([...rs]);
      return rs.map((_, i) => i + 1);
    },
  };
  return rec;
}

function setup(opts: { sampleSeconds?: number; batchSize?: number } = {}) {
  const clock = new ManualClock(T0);
  const sink = recorder();
  const { logger, lines } = capturingLogger();
  const sampler = new Sampler({ store: sink, clock, logger, ...opts });
  const offerAt = (ms: number, values: Parameters<typeof reading>[1] = {}, sn = SN): Reading => {
    clock.advance(ms - (clock.now() - T0));
    const r = reading(clock.now(), values, sn);
    sampler.offer(r);
    return r;
  };
  const stored = (): Reading[] => sink.batches.flat();
  return { clock, sink, sampler, offerAt, stored, lines };
}

describe('Sampler', () => {
  it('stores at most one reading per interval per device, the latest pending one at the interval end', () => {
    const { clock, offerAt, stored, sampler } = setup();
    const first = offerAt(0, { socPercent: 50 });
    offerAt(3000, { socPercent: 50, wattsIn: 1 });
    const last = offerAt(7000, { socPercent: 50, wattsIn: 2 });
    clock.advance(250);
    expect(stored()).toEqual([first]);
    clock.advance(10_000 - 7250 - 1);
    expect(stored()).toEqual([first]);
    clock.advance(1 + 250);
    expect(stored()).toEqual([first, last]);
    expect(sampler.stats()).toMatchObject({ offered: 3, stored: 2, superseded: 1 });
  });

  it('stores at once (next batch) when the headline SoC changes', () => {
    const { clock, offerAt, stored } = setup();
    offerAt(0, { socPercent: 50 });
    offerAt(1000, { socPercent: 50 });
    const change = offerAt(2000, { socPercent: 51 });
    clock.advance(250);
    expect(stored().map((r) => r.ts)).toEqual([T0, change.ts]);
    // A null SoC (unknown) is not a change.
    offerAt(3000, { socPercent: null });
    clock.advance(250);
    expect(stored()).toHaveLength(2);
  });

  it('samples each device on its own', () => {
    const { clock, offerAt, stored } = setup();
    offerAt(0, {}, 'A');
    offerAt(1, {}, 'B');
    offerAt(2, {}, 'A');
    clock.advance(300);
    expect(stored().map((r) => r.sn)).toEqual(['A', 'B']);
  });

  it('batches a burst into one write, and writes at once when the batch is full', () => {
    const { clock, sink, offerAt } = setup({ sampleSeconds: 0, batchSize: 100 });
    for (let i = 0; i < 250; i++) offerAt(i, { socPercent: 1 });
    expect(sink.batches.map((b) => b.length)).toEqual([100, 100]);
    clock.advance(250);
    expect(sink.batches.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('flush() stores the pending values and the open batch, each reading once', () => {
    const { offerAt, stored, sampler, clock } = setup();
    const a = offerAt(0, {}, 'A');
    const a2 = offerAt(5000, {}, 'A');
    sampler.flush();
    expect(stored()).toEqual([a, a2]);
    clock.advance(60_000);
    sampler.flush();
    expect(stored()).toEqual([a, a2]);
    expect(sampler.backlog()).toEqual({ queued: 0, pending: 0 });
  });

  it('keeps readings for retry when the database refuses a write, logging once', () => {
    const { clock, sink, offerAt, stored, sampler, lines } = setup({ sampleSeconds: 0 });
    sink.fail = true;
    offerAt(0);
    clock.advance(250);
    offerAt(500);
    clock.advance(2000);
    expect(lines.filter((l) => l.includes('Could not store'))).toHaveLength(1);
    expect(sampler.backlog().queued).toBe(2);
    sink.fail = false;
    clock.advance(1000);
    expect(stored().map((r) => r.ts)).toEqual([T0, T0 + 500]);
    expect(sampler.stats()).toMatchObject({ stored: 2, writeErrors: 3, dropped: 0 }); // at 250, 1250, 2250 ms
  });

  it('feeds a real store with increasing ids', () => {
    const { store } = memoryStore();
    const clock = new ManualClock(T0);
    const sampler = new Sampler({ store, clock, logger: capturingLogger().logger });
    for (let s = 0; s < 600; s++) {
      clock.advance(1000);
      sampler.offer(reading(clock.now(), { socPercent: 50 + Math.floor(s / 100), wattsIn: s }));
    }
    sampler.flush();
    const rows = [...store.range(SN, 0, clock.now())];
    // 60 interval samples + 5 SoC changes not on an interval boundary (one coincides) + the final pending one.
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.length).toBeLessThanOrEqual(67);
    expect(rows.every((r, i) => i === 0 || (r.id > rows[i - 1]!.id && r.ts > rows[i - 1]!.ts))).toBe(true);
    expect(rows[rows.length - 1]!.ts).toBe(clock.now());
    store.close();
  });
});
