// Shared test fixtures for the store tests (unit and integration).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyReading, type Reading, type ReadingField } from '../../../../../common/reading';
import { ManualClock } from '../../../../../main/core/clock';
import { createLogger, type Logger } from '../../../../../main/core/logger';
import { ReadingStore, type ReadingStoreOptions } from '../../../../../main/core/store/store';

export const T0 = Date.UTC(2026, 0, 5); // a Monday, 00:00 UTC
export const SN = 'DCABZ5ZE4100001';

export function reading(ts: number, values: Partial<Record<ReadingField, number | null>> = {}, sn = SN): Reading {
  return { ...emptyReading(sn, ts), ...values };
}

/** Evenly spaced readings with constant values. */
export function steady(from: number, count: number, spacingMs: number, values: Partial<Record<ReadingField, number | null>>, sn = SN): Reading[] {
  return Array.from({ length: count }, (_, i) => reading(from + i * spacingMs, values, sn));
}

export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ sink: (l) => lines.push(l), level: 'debug' }), lines };
}

export function tempDir(prefix = 'paku-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function memoryStore(opts: Partial<ReadingStoreOptions> = {}): { store: ReadingStore; clock: ManualClock } {
  const clock = new ManualClock(T0);
  const store = ReadingStore.open({ path: ':memory:', clock, logger: capturingLogger().logger, ...opts });
  return { store, clock };
}
