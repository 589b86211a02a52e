// Opens the SQLite file: pragmas, migrations, and recovery from a corrupt file.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { migrate } from './migrations';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** File path, or ':memory:' (tests). */
  path: string;
  /** better-sqlite3's compiled addon to load instead of the one in node_modules (the Electron-ABI build). */
  nativeBinding?: string;
  clock: Clock;
  logger: Logger;
}

/** How long a statement waits for another connection's lock (`status` reads while `collect` writes). */
export const BUSY_TIMEOUT_MS = 5000;

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

function configure(db: SqliteDatabase, clock: Clock): void {
  // busy_timeout first: the pragmas below may need a lock another process holds.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL: readers (CLI status, the window) never block the collector's writes, nor the reverse.
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL syncs at checkpoints, not at every commit: a committed transaction
  // survives a process crash (SIGKILL) because it is in the WAL file; only a power loss
  // or OS crash can drop the last commits, and never corrupts. FULL would fsync on
  // every small sampler batch, costing milliseconds each and flash wear for no gain here.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Forces a read of the header and schema, so a damaged file fails here, not mid-collection.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  migrate(db, clock.now());
}

function renameAside(path: string, target: string): void {
  renameSync(path, target);
  // Keep the WAL beside it (it may hold the newest commits) under the name SQLite would look for.
  if (existsSync(`${path}-wal`)) renameSync(`${path}-wal`, `${target}-wal`);
}

/**
 * Moves the damaged file (and its WAL) aside. Renamed while still open where the OS
 * allows it, because closing the last connection would checkpoint and delete the WAL.
 */
function moveAside(db: SqliteDatabase, path: string, clock: Clock): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  try {
    renameAside(path, target);
    db.close();
  } catch {
    // Windows refuses to rename open files: close first (the WAL may then be gone).
    if (db.open) db.close();
    if (existsSync(path)) renameAside(path, target);
  }
  rmSync(`${path}-shm`, { force: true });
  return target;
}

/** Opens and configures; a corrupt file is moved aside and null returned. */
function tryOpen(opts: OpenDatabaseOptions): SqliteDatabase | null {
  const db = new Database(opts.path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    configure(db, opts.clock);
    return db;
  } catch (e) {
    if (opts.path === ':memory:' || !isCorruptionError(e)) {
      db.close();
      throw e;
    }
    const reason = e instanceof Error ? e.message : String(e);
    const target = moveAside(db, opts.path, opts.clock);
    opts.logger.error(
      `The local database ${opts.path} is damaged (${reason}). Moved it aside to ${target} and started a new, empty one. ` +
        'Readings in the old file that were not yet synced are still in it; keep the file if you want to recover them.',
    );
    return null;
  }
}

/** Opens (creating when missing) and migrates the store database. A corrupt file is moved aside and a new one started. */
export function openDatabase(opts: OpenDatabaseOptions): SqliteDatabase {
  if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
  const db = tryOpen(opts) ?? tryOpen(opts);
  if (!db) throw new Error(`Could not start a new local database at ${opts.path}`);
  return db;
}
