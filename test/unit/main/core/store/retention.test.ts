import { afterEach, describe, expect, it } from 'vitest';
import { ROLLUP_TABLES } from '../../../../../main/core/store/columns';
import type { ReadingStore } from '../../../../../main/core/store/store';
import { SN, T0, memoryStore, steady } from './fixtures';

let store: ReadingStore;
afterEach(() => store?.close());
const DAY = 86_400_000;

function fill(): void {
  // One reading an hour for 100 days, for two devices.
  store.insert(steady(T0, 2400, 3_600_000, { socPercent: 50, wattsIn: 10 }));
  store.insert(steady(T0, 2400, 3_600_000, { socPercent: 60 }, 'OTHER'));
}

describe('retention', () => {
  it('deletes raw readings older than the retention and keeps rollups', () => {
    ({ store } = memoryStore());
    fill();
    const hours = store.database.prepare(`SELECT count(*) FROM ${ROLLUP_TABLES.hour}`).pluck().get();
    const now = T0 + 100 * DAY;
    const r = store.prune(now, { syncTargetConfigured: false });
    expect(r.deleted).toBe(2 * 10 * 24);
    expect(store.count(SN)).toBe(90 * 24);
    expect([...store.range(SN, 0, now)][0]!.ts).toBe(now - 90 * DAY);
    expect(store.database.prepare(`SELECT count(*) FROM ${ROLLUP_TABLES.hour}`).pluck().get()).toBe(hours);
    expect(store.prune(now, { syncTargetConfigured: false }).deleted).toBe(0);
  });

  it('never deletes a reading the sync target has not acknowledged', () => {
    ({ store } = memoryStore());
    fill();
    store.outbox.markSynced(100); // only the first 100 ids are in Postgres
    const r = store.prune(T0 + 100 * DAY, { syncTargetConfigured: true });
    expect(r.deleted).toBe(100);
    expect(r.keptUnsynced).toBe(2 * 240 - 100);
    expect(store.outbox.take(0, 1).readings[0]!.id).toBe(101);
    expect(store.outbox.unsyncedCount()).toBe(4800 - 100);
  });

  it('deletes nothing unsynced before anything was synced, however old', () => {
    ({ store } = memoryStore());
    fill();
    expect(store.prune(T0 + 1000 * DAY, { syncTargetConfigured: true }).deleted).toBe(0);
    expect(store.count()).toBe(4800);
  });

  it('honours a configured retention and keeps ids increasing after pruning', () => {
    ({ store } = memoryStore({ retentionDays: 7 }));
    fill();
    store.prune(T0 + 100 * DAY, { syncTargetConfigured: false });
    expect(store.count(SN)).toBe(7 * 24);
    expect(store.insert(steady(T0 + 200 * DAY, 1, 1000, {}))).toEqual([4801]);
  });
});
