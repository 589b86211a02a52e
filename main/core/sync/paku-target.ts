// What the app learns about the paku database at connect time: which columns
// ecoflow_measurements really has (creating the table with the contract's
// columns and indexes when it is missing, never altering an existing one).
import type pg from 'pg';
import { CodedError } from '../../../common/errors';
import { createTableSql, missingRequiredColumn, PAKU_TABLE, planRows, type ExistingColumn, type RowPlan } from './paku-mapping';

/** Serializes schema creation between installations that connect at the same moment. */
const SCHEMA_LOCK_KEY = 'paku_ecoflow_schema';

export async function readColumns(client: pg.Client): Promise<ExistingColumn[]> {
  const res = await client.query<{ name: string; data_type: string }>(
    `SELECT column_name AS name, data_type FROM information_schema.columns
      WHERE table_name = $1 AND table_schema = ANY (current_schemas(false)) ORDER BY ordinal_position`,
    [PAKU_TABLE],
  );
  return res.rows.map((r) => ({ name: r.name, dataType: r.data_type }));
}

/** Runs fn in a transaction holding the app's schema advisory lock. */
export async function withSchemaLock<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SCHEMA_LOCK_KEY]);
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

export interface TargetInfo {
  plan: RowPlan;
  /** True when this connect created the table. */
  created: boolean;
}

/** Reads the table's columns, creating the contract table when missing; throws pg-schema when unusable. */
export async function prepareTarget(client: pg.Client): Promise<TargetInfo> {
  let columns = await readColumns(client);
  let created = false;
  if (columns.length === 0) {
    await withSchemaLock(client, async () => {
      for (const sql of createTableSql()) await client.query(sql);
    });
    columns = await readColumns(client);
    created = true;
  }
  const missing = missingRequiredColumn(columns);
  if (missing) throw new CodedError('pg-schema', `table ${PAKU_TABLE} has no column ${missing}: the app cannot write readings without it`);
  return { plan: planRows(columns), created };
}
