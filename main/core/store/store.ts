// ReadingStore: the local SQLite store behind the collector (writes), the sync
// worker (outbox), AppService and the CLI (queries). One connection, prepared
// statements cached; readings and their rollups are written in one transaction,
// so they never disagree, whatever moment the process dies at.
import type BetterSqlite3 from 'better-sqlite3';
import type { Reading } from '../../../common/reading';
import { DeviceFamilySchema } from '../../../common/schemas';
import type { Logger } from '../logger';
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './database';
import { DEFAULT_ENERGY_OPTIONS, type EnergyOptions } from './energy-math';
import { MetaStore } from './kv';
import { energyLedger } from './ledger';
import { SqliteOutbox } from './outbox';
import { DEFAULT_RETENTION_DAYS, pruneReadings, type PruneOptions, type PruneResult } from './retention';
import { RollupWriter } from './rollup-sql';
import { RollupAccumulator, RollupFeed } from './rollups';
import { INSERT_READING_SQL, READING_SELECT, decodeRow, insertParams, rejectReason, sanitizeReading } from './reading-rows';
import { querySeries } from './series';
import type {
  EnergyBucket,
  KeyValueStore,
  LedgerBucket,
  LedgerTimeZone,
  Outbox,
  SeriesQuery,
  SeriesResult,
  StoredDevice,
  StoredReading,
} from './types';

export interface ReadingStoreOptions extends OpenDatabaseOptions {
  /** Days raw readings are kept (default 90); rollups are kept regardless. */
  retentionDays?: number;
  energy?: EnergyOptions;
}

export interface StoreStats {
  /** Rows read back from disk with a wrong type somewhere: skipped. */
  badRows: number;
  /** Readings offered to insert() without a usable serial or time: not stored. */
  rejectedReadings: number;
  /** Readings older than the device's newest: stored, no energy segment. */
  outOfOrder: number;
  counterResets: number;
  counterJumps: number;
}

const PAGE = 2000;

export class ReadingStore {
  readonly outbox: Outbox;
  readonly kv: KeyValueStore;
  readonly #db: SqliteDatabase;
  readonly #log: Logger;
  readonly #retentionDays: number;
  readonly #insert: BetterSqlite3.Statement;
  readonly #rollups: RollupWriter;
  readonly #feed: RollupFeed;
  /** Each device's newest stored reading (energy segments start there); null = none stored. */
  readonly #newest = new Map<string, Reading | null>();
  #batchNewest = new Map<string, Reading>();
  #badRows = 0;
  #rejected = 0;
  readonly #stmts = new Map<string, BetterSqlite3.Statement>();

  private constructor(db: SqliteDatabase, opts: ReadingStoreOptions) {
    this.#db = db;
    this.#log = opts.logger;
    this.#retentionDays = opts.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.#insert = db.prepare(INSERT_READING_SQL);
    this.#rollups = new RollupWriter(db);
    this.#feed = new RollupFeed(
      (sn) => this.#batchNewest.get(sn) ?? this.#loadNewest(sn),
      (r) => this.#batchNewest.set(r.sn, r),
      opts.energy ?? DEFAULT_ENERGY_OPTIONS,
    );
    this.outbox = new SqliteOutbox(db, (rows) => this.#decodeAll(rows));
    this.kv = new MetaStore(db);
  }

  static open(opts: ReadingStoreOptions): ReadingStore {
    return new ReadingStore(openDatabase(opts), opts);
  }

  /** The underlying connection, for the store's own tests and benchmarks. */
  get database(): SqliteDatabase {
    return this.#db;
  }

  #stmt(sql: string): BetterSqlite3.Statement {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  #decodeAll(rows: unknown[][]): StoredReading[] {
    const out: StoredReading[] = [];
    for (const row of rows) {
      const r = decodeRow(row);
      if (r) out.push(r);
      else this.#badRows++;
    }
    return out;
  }

  #loadNewest(sn: string): Reading | null {
    if (this.#newest.has(sn)) return this.#newest.get(sn) ?? null;
    // The first reading of the newest ts (ties keep the first, as RollupFeed does).
    const ts = this.#stmt('SELECT max(ts) FROM readings WHERE sn = ?').pluck().get(sn);
    const row =
      typeof ts === 'number'
        ? (this.#stmt(`SELECT ${READING_SELECT} FROM readings WHERE sn = ? AND ts = ? ORDER BY id LIMIT 1`).raw(true).get(sn, ts) as unknown[] | undefined)
        : undefined;
    const r = row ? decodeRow(row) : null;
    this.#newest.set(sn, r);
    return r;
  }

  /** Stores readings in one transaction with their rollups; returns the new ids in order. Unusable readings are skipped and counted. */
  insert(readings: readonly Reading[]): number[] {
    const ids: number[] = [];
    const acc = new RollupAccumulator();
    this.#batchNewest = new Map();
    try {
      this.#db.transaction(() => {
        for (const r of readings) {
          if (rejectReason(r)) {
            this.#rejected++;
            continue;
          }
          const clean = sanitizeReading(r);
          // Feed first: the device's newest reading may be loaded from disk, and must not be this one.
          this.#feed.add(acc, clean);
          ids.push(Number(this.#insert.run(insertParams(clean)).lastInsertRowid));
        }
        this.#rollups.write(acc);
      })();
      for (const [sn, r] of this.#batchNewest) this.#newest.set(sn, r);
    } finally {
      this.#batchNewest = new Map();
    }
    return ids;
  }

  upsertDevice(d: StoredDevice): void {
    this.#stmt(
      `INSERT INTO devices (sn, model, name, family, last_seen_ts) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(sn) DO UPDATE SET model = excluded.model, name = excluded.name, family = excluded.family,
         last_seen_ts = coalesce(max(last_seen_ts, excluded.last_seen_ts), last_seen_ts, excluded.last_seen_ts)`,
    ).run(d.sn, d.model, d.name, d.family, d.lastSeenTs);
  }

  devices(): StoredDevice[] {
    const rows = this.#stmt('SELECT sn, model, name, family, last_seen_ts FROM devices ORDER BY sn').raw(true).all() as unknown[][];
    const out: StoredDevice[] = [];
    for (const [sn, model, name, family, seen] of rows) {
      if (typeof sn !== 'string' || typeof model !== 'string' || typeof name !== 'string' || (seen !== null && typeof seen !== 'number')) {
        this.#badRows++;
        continue;
      }
      const fam = DeviceFamilySchema.safeParse(family);
      out.push({ sn, model, name, family: fam.success ? fam.data : 'unknown', lastSeenTs: seen });
    }
    return out;
  }

  latest(sn: string): StoredReading | null {
    const rows = this.#stmt(`SELECT ${READING_SELECT} FROM readings WHERE sn = ? ORDER BY ts DESC, id DESC LIMIT 10`).raw(true).all(sn) as unknown[][];
    return this.#decodeAll(rows)[0] ?? null;
  }

  count(sn?: string): number {
    return (sn === undefined
      ? this.#stmt('SELECT count(*) FROM readings').pluck().get()
      : this.#stmt('SELECT count(*) FROM readings WHERE sn = ?').pluck().get(sn)) as number;
  }

  /**
   * Readings of one device with from <= ts <= to, in time order, fetched in pages
   * so an export of millions streams in bounded memory and never holds the
   * connection between pages (the collector keeps writing).
   */
  *range(sn: string, from: number, to: number): Generator<StoredReading> {
    const first = this.#stmt(`SELECT ${READING_SELECT} FROM readings WHERE sn = ? AND ts >= ? AND ts <= ? ORDER BY ts, id LIMIT ${PAGE}`).raw(true);
    const next = this.#stmt(
      `SELECT ${READING_SELECT} FROM readings WHERE sn = ? AND ts >= ? AND ts <= ? AND (ts > ? OR id > ?) ORDER BY ts, id LIMIT ${PAGE}`,
    ).raw(true);
    let rows = first.all(sn, from, to) as unknown[][];
    while (rows.length > 0) {
      yield* this.#decodeAll(rows);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      rows = next.all(sn, last[2], to, last[2], last[0]) as unknown[][];
    }
  }

  series(q: SeriesQuery): SeriesResult {
    return querySeries(this.#db, q, () => this.#badRows++);
  }

  /** Energy per local day/week/month covering [from, to), from the rollups (device counters preferred, see energy-math.ts). */
  energy(sn: string, from: number, to: number, bucket: LedgerBucket, tz: LedgerTimeZone): EnergyBucket[] {
    return energyLedger(this.#db, sn, from, to, bucket, tz, () => this.#badRows++);
  }

  prune(now: number, opts: PruneOptions): PruneResult {
    const result = pruneReadings(this.#db, now, this.#retentionDays, opts, () => this.outbox.syncedUpTo());
    if (result.keptUnsynced > 0) {
      this.#log.warn(`Kept ${result.keptUnsynced} readings older than ${this.#retentionDays} days because Postgres has not received them yet.`);
    }
    return result;
  }

  /** Size of the database (page_count × page_size), bytes. */
  storeSizeBytes(): number {
    return (this.#db.pragma('page_count', { simple: true }) as number) * (this.#db.pragma('page_size', { simple: true }) as number);
  }

  stats(): StoreStats {
    const { outOfOrder, counterResets, counterJumps } = this.#feed.stats;
    return { badRows: this.#badRows, rejectedReadings: this.#rejected, outOfOrder, counterResets, counterJumps };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
