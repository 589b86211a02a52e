// Minute and hour aggregates accumulated in memory for one insert batch (pure),
// then merged into the rollup tables by rollup-sql.ts in the same transaction
// as the readings. Sums and counts (not averages) are kept so buckets merge.
import type { Reading } from '../../../common/reading';
import { ENERGY_KEYS, HOUR_MS, MINUTE_MS, ROLLUP_FIELDS } from './columns';
import { DEFAULT_ENERGY_OPTIONS, integrateSegment, type EnergyOptions, type EnergySink, type SegmentStats } from './energy-math';

const F = ROLLUP_FIELDS.length;
const E = ENERGY_KEYS.length;
/** Offsets in an accumulator row. */
export const ACC = { min: 0, max: F, sum: 2 * F, n: 3 * F, energy: 4 * F, covered: 4 * F + E, size: 4 * F + E + 1 } as const;

export interface RollupRow {
  sn: string;
  bucket: number;
  /** Layout ACC; min/max are NaN when the field had no value. */
  data: Float64Array;
}

class BucketMap {
  readonly rows = new Map<string, RollupRow>();
  constructor(readonly bucketMs: number) {}

  #lastSn = '';
  #lastBucket = NaN;
  #last: Float64Array | null = null;

  row(sn: string, at: number): Float64Array {
    const bucket = Math.floor(at / this.bucketMs) * this.bucketMs;
    // Consecutive readings mostly share a bucket: skip the key string and map lookup.
    if (this.#last && bucket === this.#lastBucket && sn === this.#lastSn) return this.#last;
    const key = `${sn}\u0000${bucket}`;
    let r = this.rows.get(key);
    if (!r) {
      const data = new Float64Array(ACC.size);
      data.fill(NaN, ACC.min, ACC.sum);
      r = { sn, bucket, data };
      this.rows.set(key, r);
    }
    this.#lastSn = sn;
    this.#lastBucket = bucket;
    this.#last = r.data;
    return r.data;
  }
}

/** Aggregates for a set of readings and energy segments, per (sn, minute) and (sn, hour). */
export class RollupAccumulator {
  readonly minute = new BucketMap(MINUTE_MS);
  readonly hour = new BucketMap(HOUR_MS);

  addValues(r: Reading): void {
    for (const map of [this.minute, this.hour]) {
      const d = map.row(r.sn, r.ts);
      for (let i = 0; i < F; i++) {
        const v = r[ROLLUP_FIELDS[i]!];
        if (v === null) continue;
        const mn = d[ACC.min + i]!;
        const mx = d[ACC.max + i]!;
        if (!(v >= mn)) d[ACC.min + i] = v; // NaN compares false: the first value wins
        if (!(v <= mx)) d[ACC.max + i] = v;
        d[ACC.sum + i]! += v;
        d[ACC.n + i]! += 1;
      }
    }
  }

  readonly #sinks = new Map<string, EnergySink>();

  sinkFor(sn: string): EnergySink {
    let sink = this.#sinks.get(sn);
    if (!sink) {
      sink = this.#makeSink(sn);
      this.#sinks.set(sn, sink);
    }
    return sink;
  }

  #makeSink(sn: string): EnergySink {
    return {
      energy: (at, key, wh) => {
        this.minute.row(sn, at)[ACC.energy + key]! += wh;
        this.hour.row(sn, at)[ACC.energy + key]! += wh;
      },
      covered: (at, ms) => {
        this.minute.row(sn, at)[ACC.covered]! += ms;
        this.hour.row(sn, at)[ACC.covered]! += ms;
      },
    };
  }
}

export interface FeedStats extends SegmentStats {
  /** Readings older than the device's newest: stored and aggregated, but no energy segment. */
  outOfOrder: number;
}

/**
 * Feeds readings in insert order: every reading adds its values; a reading newer
 * than the device's newest so far forms an energy segment with it. `previous`
 * holds each device's newest reading across batches (loaded by the caller).
 */
export class RollupFeed {
  readonly stats: FeedStats = { counterResets: 0, counterJumps: 0, outOfOrder: 0 };

  constructor(
    private readonly previous: (sn: string) => Reading | null,
    private readonly remember: (r: Reading) => void,
    private readonly options: EnergyOptions = DEFAULT_ENERGY_OPTIONS,
  ) {}

  add(acc: RollupAccumulator, r: Reading): void {
    acc.addValues(r);
    const prev = this.previous(r.sn);
    if (prev && r.ts <= prev.ts) {
      if (r.ts < prev.ts) this.stats.outOfOrder++;
      return;
    }
    if (prev) integrateSegment(prev, r, acc.sinkFor(r.sn), this.options, this.stats);
    this.remember(r);
  }
}

/** The rollups a sequence of readings (in id order) produces from scratch (tests, rebuilds). */
export function rollupsOf(readings: Iterable<Reading>, options: EnergyOptions = DEFAULT_ENERGY_OPTIONS): RollupAccumulator {
  const newest = new Map<string, Reading>();
  const feed = new RollupFeed(
    (sn) => newest.get(sn) ?? null,
    (r) => newest.set(r.sn, r),
    options,
  );
  const acc = new RollupAccumulator();
  for (const r of readings) feed.add(acc, r);
  return acc;
}
