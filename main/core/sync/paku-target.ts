// What the app learns about the paku database at connect time: which columns
// ecoflow_measurements really has (creating the table with the contract's
// columns and indexes when it is missing, never altering an existing one), and
// whether the app's ledger table exists yet. One round trip when both exist.
import type pg from 'pg';
import { CodedError } from '../../../common/errors';
import { LEDGER_TABLE } from './ledger';
import { createTableSql, missingRequiredColumn, PAKU_TABLE, planRows, type ExistingColumn, type RowPlan } from './paku-mapping';
import { runLocked } from './schema-lock';

const COLUMNS_SQL = `SELECT column_name AS name, data_type FROM information_schema.columns
  WHERE table_name = '${PAKU_TABLE}' AND table_schema = ANY (current_schemas(false)) ORDER BY ordinal_position`;

interface ColumnRow {
  name: string;
  data_type: string;
}

const toColumns = (rows: ColumnRow[]): ExistingColumn[] => rows.map((r) => ({ name: r.name, dataType: r.data_type }));

export async function readColumns(client: pg.Client): Promise<ExistingColumn[]> {
  return toColumns((await client.query<ColumnRow>(COLUMNS_SQL)).rows);
}

export interface TargetInfo {
  plan: RowPlan;
  /** True when this connect created the table. */
  created: boolean;
  /** Whether the app's ledger table exists (openLedger creates it otherwise). */
  ledgerExists: boolean;
}

/** Reads the table's columns, creating the contract table when missing; throws pg-schema when unusable. */
export async function prepareTarget(client: pg.Client): Promise<TargetInfo> {
  // Two statements in one simple query: one round trip, one result each.
  const [cols, ledger] = (await client.query(`${COLUMNS_SQL}; SELECT to_regclass('${LEDGER_TABLE}') IS NOT NULL AS exists`)) as unknown as [
    pg.QueryResult<ColumnRow>,
    pg.QueryResult<{ exists: boolean }>,
  ];
  let columns = toColumns(cols.rows);
  let created = false;
  if (columns.length === 0) {
    // information_schema hides the columns of a table we have no rights on: say that, not "no column id".
    const seen = await client.query<{ exists: boolean; me: string }>(`SELECT to_regclass('${PAKU_TABLE}') IS NOT NULL AS exists, current_user AS me`);
    const { exists, me } = seen.rows[0] ?? { exists: false, me: '?' };
    if (exists) {
      throw new CodedError('pg-schema', `table ${PAKU_TABLE} exists but user ${me} has no rights on it: ask the database owner for GRANT SELECT, INSERT ON ${PAKU_TABLE} TO ${me} (and USAGE on its id sequence)`);
    }
    await runLocked(client, createTableSql());
    columns = await readColumns(client);
    created = true;
  }
  const missing = missingRequiredColumn(columns);
  if (missing) throw new CodedError('pg-schema', `table ${PAKU_TABLE} has no column ${missing}: the app cannot write readings without it`);
  return { plan: planRows(columns), created, ledgerExists: ledger.rows[0]?.exists === true };
}
