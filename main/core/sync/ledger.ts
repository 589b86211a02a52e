// The app's own bookkeeping in the paku database: per installation, the last
// local reading id whose row is committed in ecoflow_measurements. Rows and
// mark commit in one transaction, so after any failure (even a connection lost
// between COMMIT and its acknowledgement) the mark says exactly what arrived.
import type pg from 'pg';
import { runLocked } from './schema-lock';

export const LEDGER_TABLE = 'paku_ecoflow_sync';

/** Creates the ledger table (when `exists` is false) and this installation's row when missing; returns its mark. One round trip when the table exists. */
export async function openLedger(client: pg.Client, installationId: string, exists: boolean): Promise<number> {
  if (!exists) {
    await runLocked(client, [
      `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
        installation_id TEXT PRIMARY KEY,
        last_local_id BIGINT NOT NULL DEFAULT 0,
        rows_written BIGINT NOT NULL DEFAULT 0,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`,
    ]);
  }
  // The inserted row (new installation) or the existing one: exactly one row either way.
  const res = await client.query<{ last_local_id: string }>(
    `WITH ins AS (INSERT INTO ${LEDGER_TABLE} (installation_id) VALUES ($1) ON CONFLICT (installation_id) DO NOTHING RETURNING last_local_id)
     SELECT last_local_id FROM ins UNION ALL SELECT last_local_id FROM ${LEDGER_TABLE} WHERE installation_id = $1`,
    [installationId],
  );
  return Number(res.rows[0]?.last_local_id ?? 0);
}

/** SQLSTATE raised by the commit statement when the mark is not what this worker expected. */
export const MARK_MOVED = '22012';

/**
 * One simple-protocol query (one round trip) that moves the mark from
 * `expected` to `next` and commits. If the mark is not `expected` (another
 * writer with this installation id, or a stale view), the update matches no
 * row, the division by zero aborts the transaction and nothing commits.
 */
export function markAndCommitSql(client: pg.Client, installationId: string, expected: number, next: number, rows: number): string {
  const id = client.escapeLiteral(installationId);
  return `WITH u AS (UPDATE ${LEDGER_TABLE} SET last_local_id = ${next}, rows_written = rows_written + ${rows}, updated_at = now()
    WHERE installation_id = ${id} AND last_local_id = ${expected} RETURNING 1)
  SELECT 1 / (SELECT count(*)::int FROM u) AS ok; COMMIT`;
}
