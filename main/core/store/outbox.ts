// The outbox the Postgres sync drains: readings in id order (ids are never
// reused: AUTOINCREMENT), and the highest id the target has acknowledged.
import type BetterSqlite3 from 'better-sqlite3';
import type { Outbox, OutboxBatch, StoredReading } from './types';
import { READING_SELECT } from './reading-rows';

export class SqliteOutbox implements Outbox {
  readonly #take: BetterSqlite3.Statement;
  readonly #mark: BetterSqlite3.Statement;
  readonly #synced: BetterSqlite3.Statement;
  readonly #count: BetterSqlite3.Statement;
  readonly #oldest: BetterSqlite3.Statement;

  constructor(
    db: BetterSqlite3.Database,
    private readonly decode: (rows: unknown[][]) => StoredReading[],
  ) {
    this.#take = db.prepare(`SELECT ${READING_SELECT} FROM readings WHERE id > ? ORDER BY id LIMIT ?`).raw(true);
    this.#mark = db.prepare('UPDATE sync_state SET synced_up_to = max(synced_up_to, CAST(? AS INTEGER)) WHERE id = 1');
    this.#synced = db.prepare('SELECT synced_up_to FROM sync_state WHERE id = 1').pluck();
    this.#count = db.prepare('SELECT count(*) FROM readings WHERE id > ?').pluck();
    // By id, not min(ts): an index-free min over a large backlog would scan it on every status call.
    this.#oldest = db.prepare('SELECT ts FROM readings WHERE id > ? ORDER BY id LIMIT 1').pluck();
  }

  take(afterId: number, limit: number): OutboxBatch {
    const rows = this.#take.all(Math.max(0, Math.floor(afterId)), Math.max(1, Math.floor(limit))) as unknown[][];
    const last = rows[rows.length - 1];
    // lastId covers skipped (undecodable) rows too, so one bad row cannot stall the sync.
    return { readings: this.decode(rows), lastId: last ? Number(last[0]) : 0 };
  }

  markSynced(lastId: number): void {
    if (!Number.isSafeInteger(lastId) || lastId < 0) throw new RangeError(`markSynced: not an id: ${lastId}`);
    this.#mark.run(lastId);
  }

  syncedUpTo(): number {
    const v = this.#synced.get();
    return typeof v === 'number' ? v : 0;
  }

  unsyncedCount(): number {
    return this.#count.get(this.syncedUpTo()) as number;
  }

  oldestUnsyncedTs(): number | null {
    const v = this.#oldest.get(this.syncedUpTo());
    return typeof v === 'number' ? v : null;
  }
}
