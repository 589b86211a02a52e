// The fast reader for the local SQLite store: SQLite renders each unsynced row
// as its COPY text line itself (the rule comes from paku-mapping's sqlLine) and
// hands over a whole chunk as one buffer, so nothing per row crosses into JS:
// about 5× less CPU per row than decoding readings and encoding them again,
// which is what lets a backlog drain near the speed of a bare COPY on a 2-core
// machine. It reads the store's `readings` table by the store's own column
// naming (columnOf).
import type { SqliteDatabase } from '../store/database';
import { columnOf } from '../store/columns';
import type { ChunkReader } from './copy-batch';
import type { RowPlan } from './paku-mapping';

export type ChunkReaderFactory = (plan: RowPlan) => ChunkReader;

export function storeChunkReader(db: SqliteDatabase): ChunkReaderFactory {
  return (plan) => {
    // group_concat takes the rows in id order, as the co-routine over the rowid yields them (the unit test pins
    // this; an explicit ORDER BY would add a temp B-tree per chunk). Exactly-once does not depend on it: a chunk
    // commits whole and the mark is max(id). count() and group_concat() skip NULL lines (undecodable rows).
    const stmt = db
      .prepare(
        `SELECT max(id), count(line), CAST(group_concat(line, '') AS BLOB)
           FROM (SELECT id, ${plan.sqlLine(columnOf)} AS line FROM readings WHERE id > ? ORDER BY id LIMIT ?)`,
      )
      .raw(true);
    return (afterId, limit) => {
      const [lastId, rows, data] = stmt.get(Math.max(0, Math.floor(afterId)), Math.max(1, Math.floor(limit))) as [number | null, number, Buffer | null];
      return { data: data ?? '', rows, lastId: lastId === null ? 0 : Number(lastId) };
    };
  };
}
