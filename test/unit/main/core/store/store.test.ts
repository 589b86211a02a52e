import { afterEach, describe, expect, it } from 'vitest';
import { READING_FIELD_NAMES } from '../../../../../common/reading';
import { ROLLUP_TABLES } from '../../../../../main/core/store/columns';
import { ACC, rollupsOf } from '../../../../../main/core/store/rollups';
import { join } from 'node:path';
import { ManualClock } from '../../../../../main/core/clock';
import { ReadingStore } from '../../../../../main/core/store/store';
import { SN, T0, capturingLogger, memoryStore, reading, rollupMismatches, steady, tempDir } from './fixtures';

let store: ReadingStore;
afterEach(() => store?.close());

describe('ReadingStore', () => {
  it('stores readings with increasing ids and reads every field back', () => {
    ({ store } = memoryStore());
    const full = reading(T0, Object.fromEntries(READING_FIELD_NAMES.map((f, i) => [f, i + 0.5])));
    const ids = store.insert([full, reading(T0 + 1000, { socPercent: 50 })]);
    expect(ids).toEqual([1, 2]);
    expect(store.count()).toBe(2);
    expect(store.count(SN)).toBe(2);
    expect(store.count('OTHER')).toBe(0);
    const [first] = [...store.range(SN, T0, T0)];
    expect(first).toEqual({ ...full, id: 1 });
    expect(store.latest(SN)).toMatchObject({ id: 2, ts: T0 + 1000, socPercent: 50, wattsIn: null });
    expect(store.latest('OTHER')).toBeNull();
  });

  it('stores non-finite values as unknown and skips readings without serial or time', () => {
    ({ store } = memoryStore());
    const ids = store.insert([reading(T0, { wattsIn: Number.NaN, wattsOut: Infinity }), reading(-5), { ...reading(T0), sn: '' }]);
    expect(ids).toHaveLength(1);
    expect(store.latest(SN)).toMatchObject({ wattsIn: null, wattsOut: null });
    expect(store.stats().rejectedReadings).toBe(2);
  });

  it('never reuses an id, even after the newest readings are deleted', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 3, 1000, {}));
    store.database.exec('DELETE FROM readings');
    expect(store.insert([reading(T0 + 5000)])).toEqual([4]);
  });

  it('streams a range in time order across pages', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 4500, 1000, { socPercent: 1 }));
    store.insert([reading(T0 + 1000, { socPercent: 2 })]); // same ts as another: both, in id order
    const got = [...store.range(SN, T0 + 1000, T0 + 4400 * 1000)];
    expect(got).toHaveLength(4401);
    expect(got.slice(0, 2).map((r) => r.socPercent)).toEqual([1, 2]);
    expect(got.every((r, i) => i === 0 || r.ts >= got[i - 1]!.ts)).toBe(true);
  });

  it('skips and counts a row with a wrong type instead of crashing', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 3, 1000, { socPercent: 10 }));
    store.database.prepare("UPDATE readings SET soc_percent = 'garbage' WHERE id = 2").run();
    expect([...store.range(SN, 0, T0 + 10_000)].map((r) => r.id)).toEqual([1, 3]);
    const batch = store.outbox.take(0, 10);
    expect(batch.readings.map((r) => r.id)).toEqual([1, 3]);
    expect(batch.lastId).toBe(3);
    expect(store.stats().badRows).toBe(2);
    store.database.prepare("UPDATE readings SET ts = 'x' WHERE id = 3").run();
    expect(store.latest(SN)?.id).toBe(1);
  });

  it('keeps rollups equal to what the readings produce, across batches and devices', () => {
    ({ store } = memoryStore());
    const a = steady(T0, 400, 7000, { socPercent: 40, wattsIn: 300, solarWatts: 120, energyAcInWh: 10 });
    const b = steady(T0 + 3000, 400, 9000, { socPercent: 70, wattsOut: 80 }, 'OTHER');
    const all = a.flatMap((r, i) => [r, b[i]!]);
    for (let i = 0; i < all.length; i += 37) store.insert(all.slice(i, i + 37));
    const expected = rollupsOf(all);
    const rows = store.database.prepare(`SELECT count(*) AS n, sum(wh_in) AS wh, sum(soc_percent_n) AS socN FROM ${ROLLUP_TABLES.minute}`).get();
    const wh = [...expected.minute.rows.values()].reduce((s, r) => s + r.data[ACC.energy]!, 0);
    expect(rows).toMatchObject({ n: expected.minute.rows.size, socN: 800 });
    expect((rows as { wh: number }).wh).toBeCloseTo(wh, 6);
  });

  it('keeps devices with their family and newest sighting', () => {
    ({ store } = memoryStore());
    store.upsertDevice({ sn: SN, model: 'DELTA Pro', name: 'Van', family: 'delta-pro', lastSeenTs: 200 });
    store.upsertDevice({ sn: SN, model: 'DELTA Pro', name: 'Van battery', family: 'delta-pro', lastSeenTs: 100 });
    store.upsertDevice({ sn: 'R2', model: 'RIVER 2', name: 'r', family: 'river-2', lastSeenTs: null });
    store.database.prepare("UPDATE devices SET family = 'toaster' WHERE sn = 'R2'").run();
    expect(store.devices()).toEqual([
      { sn: SN, model: 'DELTA Pro', name: 'Van battery', family: 'delta-pro', lastSeenTs: 200 },
      { sn: 'R2', model: 'RIVER 2', name: 'r', family: 'unknown', lastSeenTs: null },
    ]);
  });

  it('keeps key-value settings', () => {
    ({ store } = memoryStore());
    expect(store.kv.get('mqtt.clientId')).toBeNull();
    store.kv.set('mqtt.clientId', 'ANDROID_1');
    store.kv.set('mqtt.clientId', 'ANDROID_2');
    expect(store.kv.get('mqtt.clientId')).toBe('ANDROID_2');
  });

  it('reports its size', () => {
    ({ store } = memoryStore());
    const before = store.storeSizeBytes();
    store.insert(steady(T0, 2000, 1000, { socPercent: 5 }));
    expect(store.storeSizeBytes()).toBeGreaterThan(before);
  });
});

describe('outbox', () => {
  it('hands out readings in id order and remembers the synced mark monotonically', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 10, 1000, {}));
    expect(store.outbox.unsyncedCount()).toBe(10);
    expect(store.outbox.oldestUnsyncedTs()).toBe(T0);
    const b = store.outbox.take(store.outbox.syncedUpTo(), 4);
    expect(b.readings.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    store.outbox.markSynced(b.lastId);
    store.outbox.markSynced(2); // an older ack never moves the mark back
    expect(store.outbox.syncedUpTo()).toBe(4);
    expect(store.outbox.unsyncedCount()).toBe(6);
    expect(store.outbox.oldestUnsyncedTs()).toBe(T0 + 4000);
    expect(store.outbox.take(10, 5)).toEqual({ readings: [], lastId: 0 });
    expect(() => store.outbox.markSynced(1.5)).toThrow(RangeError);
    store.outbox.markSynced(10);
    expect(store.outbox.oldestUnsyncedTs()).toBeNull();
  });
});

describe('rollup consistency check', () => {
  it('finds no difference for a consistent store, and finds a tampered bucket', () => {
    ({ store } = memoryStore());
    store.insert(steady(T0, 500, 7000, { socPercent: 30, wattsIn: 20, energyAcInWh: 5 }));
    expect(rollupMismatches(store)).toEqual([]);
    store.database.exec(`UPDATE ${ROLLUP_TABLES.hour} SET wh_in = wh_in + 1 WHERE id = 1`);
    expect(rollupMismatches(store)).toHaveLength(1);
  });
});

describe('reopening', () => {
  it('continues the energy segment from the newest reading on disk', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 's.sqlite');
      const open = (): ReadingStore => ReadingStore.open({ path, clock: new ManualClock(T0), logger: capturingLogger().logger });
      let s = open();
      s.insert([reading(T0, { wattsIn: 3600 }), reading(T0 + 1000, { wattsIn: 3600 })]);
      s.close();
      s = open();
      s.insert([reading(T0 + 2000, { wattsIn: 3600 })]);
      expect(s.energy(SN, T0, T0 + 1, 'day', 0)[0]!.whIn).toBeCloseTo(2, 9);
      expect(rollupMismatches(s)).toEqual([]);
      s.close();
    } finally {
      cleanup();
    }
  });
});
