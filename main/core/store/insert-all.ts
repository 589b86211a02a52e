// Bulk loading (simulated history for the demo, benchmarks and test fixtures):
// any number of readings, stored in transactions of `batchSize`.
import type { Reading } from '../../../common/reading';
import type { ReadingSink } from './sampler';

/** Stores every reading in order; returns how many were stored. */
export function insertAll(store: ReadingSink, readings: Iterable<Reading>, batchSize = 5000): number {
  let stored = 0;
  let batch: Reading[] = [];
  for (const r of readings) {
    batch.push(r);
    if (batch.length === batchSize) {
      stored += store.insert(batch).length;
      batch = [];
    }
  }
  return stored + store.insert(batch).length;
}
