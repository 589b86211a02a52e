// One sync transaction: stream unsynced readings from the outbox into
// ecoflow_measurements with COPY FROM STDIN, then move the ledger mark and
// COMMIT, in three round trips whatever the batch size. Rows are read and
// encoded in small chunks while earlier chunks are on the wire, so the link
// and the server stay busy; the transaction grows until it has run for
// `targetMs` or holds `maxRows`, which hides round trips on slow links.
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Outbox } from '../store/types';
import { markAndCommitSql } from './ledger';
import type { RowPlan } from './paku-mapping';

const WRITE_BUFFER_BYTES = 8 * 1024 * 1024;

export interface BatchLimits {
  /** Rows read and encoded per step. */
  chunkRows: number;
  /** Upper bound on rows per transaction. */
  maxRows: number;
  /** Stop growing the transaction after this long (ms of wall time). */
  targetMs: number;
}

/** Rows after an id, already rendered as COPY text. lastId 0 = no rows at all; it also covers rows skipped as undecodable. */
export interface CopyChunk {
  /** COPY text lines (UTF-8 bytes, or a string). */
  data: string | Uint8Array;
  rows: number;
  lastId: number;
}

export type ChunkReader = (afterId: number, limit: number) => CopyChunk;

/** The portable reader: any Outbox, rows encoded in JS. */
export function outboxReader(outbox: Outbox, plan: RowPlan): ChunkReader {
  return (afterId, limit) => {
    const batch = outbox.take(afterId, limit);
    let text = '';
    for (const r of batch.readings) text += plan.encode(r);
    return { data: text, rows: batch.readings.length, lastId: batch.lastId };
  };
}

export interface BatchResult {
  rows: number;
  /** Highest local id now committed (the new ledger mark). */
  lastId: number;
}

/** Writes one batch after `afterId`, moving the ledger mark from `expectedMark` to the batch's last id; returns null when there was nothing to write. Throws on any failure (nothing committed, or unknown when the connection died during COMMIT). */
export async function writeBatch(
  client: pg.Client,
  plan: Pick<RowPlan, 'copySql'>,
  read: ChunkReader,
  ledger: { installationId: string; afterId: number; expectedMark: number },
  limits: BatchLimits,
  now: () => number = Date.now,
): Promise<BatchResult | null> {
  let chunk = read(ledger.afterId, Math.min(limits.chunkRows, limits.maxRows));
  if (chunk.lastId === 0) return null;
  const started = now();
  // BEGIN rides in the COPY's query message: one round trip fewer per batch.
  // A deep write buffer: the next chunks are read and encoded while earlier ones drain to the server.
  const copy = client.query(copyFrom(`BEGIN; ${plan.copySql}`, { highWaterMark: WRITE_BUFFER_BYTES }));
  const failed = new Promise<never>((_, reject) => copy.once('error', reject));
  failed.catch(() => {});
  let rows = 0;
  let lastId = ledger.afterId;
  for (;;) {
    rows += chunk.rows;
    lastId = chunk.lastId;
    if (chunk.data.length > 0 && !copy.write(chunk.data)) await Promise.race([once(copy, 'drain'), failed]);
    const room = limits.maxRows - rows;
    if (room <= 0 || now() - started >= limits.targetMs) break;
    // Let queued socket writes run before the next synchronous read.
    await new Promise<void>((resolve) => setImmediate(resolve));
    chunk = read(lastId, Math.min(limits.chunkRows, room));
    if (chunk.lastId === 0) break;
  }
  copy.end();
  await Promise.race([once(copy, 'finish'), failed]);
  if (!Number.isSafeInteger(lastId) || !Number.isSafeInteger(ledger.expectedMark)) throw new Error(`local ids out of range: ${lastId}`);
  await client.query(markAndCommitSql(client, ledger.installationId, ledger.expectedMark, lastId, rows));
  return { rows, lastId };
}
