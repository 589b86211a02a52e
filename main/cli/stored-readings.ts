// The store `status` and `export` read (the real one, or the last demo's with
// --demo), opened beside a collector that may be writing it, and closed after.
import { existsSync } from 'node:fs';
import type { CodedError } from '../../common/errors';
import { systemClock } from '../core/clock';
import { silentLogger } from '../core/logger';
import { ReadingStore } from '../core/store/store';
import { loadCliConfig } from './config';
import type { CliValues } from './index';

/** Runs `read` on the store; `missing` is the error (in words) when there is no store file yet. */
export async function withStoredReadings<T>(values: CliValues, missing: (path: string) => CodedError, read: (store: ReadingStore, path: string) => Promise<T> | T): Promise<T> {
  const config = loadCliConfig(values);
  const path = values.demo ? config.demoStorePath : config.storePath;
  if (!existsSync(path)) throw missing(path);
  const store = ReadingStore.open({ path, clock: systemClock, logger: silentLogger });
  try {
    return await read(store, path);
  } finally {
    store.close();
  }
}
