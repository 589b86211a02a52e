// The Postgres checks of `doctor` and the settings "Test" button: the login
// (password, TLS, reachability), the ecoflow_measurements table (usable, or
// created on the first sync) and the rights the sync needs. Read-only: the
// test creates nothing. The password never appears in a message.
import type pg from 'pg';
import type { ConnectionCheck, ConnectionTestResult } from '../../../common/schemas';
import type { Logger } from '../logger';
import { LEDGER_TABLE } from '../sync/ledger';
import { missingRequiredColumn, PAKU_TABLE, planRows } from '../sync/paku-mapping';
import { connectPg, describePgError, resolvePgTarget, type PgSettings, type PgTarget } from '../sync/pg-connect';
import { readColumns } from '../sync/paku-target';
import { failed, failedFrom, passed, resultOf } from './check-result';

export async function checkPostgres(settings: Readonly<PgSettings>, logger: Logger): Promise<ConnectionTestResult> {
  const log = logger;
  const checks: ConnectionCheck[] = [];
  const add = (c: ConnectionCheck): void => {
    checks.push(c);
    if (c.ok) log.info(`${c.name}: ok`, { detail: c.message });
    else log.warn(`${c.name}: failed`, { code: c.code, detail: c.message });
  };
  let target: PgTarget | null = null;
  let client: pg.Client | null = null;
  try {
    target = resolvePgTarget(settings);
    client = await connectPg(target);
    add(passed('postgres', `Logged in to ${target.label} (TLS: ${target.sslmode}).`));
  } catch (e) {
    add(failedFrom('postgres', e));
  }
  if (client && target) {
    try {
      add(await tableCheck(client));
      add(await writeCheck(client));
    } catch (e) {
      add(failedFrom(checks.length === 1 ? 'table' : 'write', describePgError(e, target)));
    } finally {
      await client.end().catch(() => {});
    }
  }
  return resultOf(checks, [settings.password, passwordInUrl(settings.url)]);
}

function passwordInUrl(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
}

async function tableCheck(client: pg.Client): Promise<ConnectionCheck> {
  const columns = await readColumns(client);
  if (columns.length === 0) {
    // information_schema lists only the columns this user has some right on: an existing table can look empty.
    const found = await client.query<{ exists: boolean; who: string }>('SELECT to_regclass($1) IS NOT NULL AS exists, current_user AS who', [PAKU_TABLE]);
    const row = found.rows[0];
    if (row?.exists) {
      return failed('table', 'pg-schema', `Table ${PAKU_TABLE} exists, but user ${row.who} has no rights on it.`, `Ask the database owner to grant SELECT and INSERT on ${PAKU_TABLE} to ${row.who}.`);
    }
    return passed('table', `Table ${PAKU_TABLE} does not exist yet: the app will create it on the first sync.`);
  }
  const missing = missingRequiredColumn(columns);
  if (missing) {
    return failed(
      'table',
      'pg-schema',
      `Table ${PAKU_TABLE} has no column ${missing}, which every reading needs.`,
      `Ask the database owner to add the column ${missing} (see the paku table contract), or to rename the table so the app creates a fresh one.`,
    );
  }
  const optional = planRows(columns).missing;
  return passed(
    'table',
    `Table ${PAKU_TABLE} is usable${optional.length ? `; it lacks ${optional.length} optional column${optional.length === 1 ? '' : 's'} (${optional.join(', ')}), whose values are not written` : ''}.`,
  );
}

interface Rights {
  who: string;
  schema: string | null;
  read_only: boolean;
  can_create: boolean;
  has_table: boolean;
  table_insert: boolean | null;
  serial_usage: boolean | null;
  has_ledger: boolean;
  ledger_select: boolean | null;
  ledger_insert: boolean | null;
  ledger_update: boolean | null;
}

/** The rights the sync uses: COPY into the table (and its id sequence), its own ledger table, CREATE where either is missing. */
async function writeCheck(client: pg.Client): Promise<ConnectionCheck> {
  const res = await client.query<Rights>(
    `WITH t AS (SELECT to_regclass($1) AS m, to_regclass($2) AS l)
     SELECT current_user AS who, current_schema() AS schema,
            current_setting('transaction_read_only') = 'on' AS read_only,
            coalesce(has_schema_privilege(current_schema(), 'CREATE'), false) AS can_create,
            m IS NOT NULL AS has_table, has_table_privilege(m, 'INSERT') AS table_insert,
            -- A serial id needs USAGE on its sequence; an identity column does not.
            (SELECT has_sequence_privilege(pg_get_serial_sequence($1, 'id'), 'USAGE') FROM pg_attribute
              WHERE attrelid = m AND attname = 'id' AND attidentity = '') AS serial_usage,
            l IS NOT NULL AS has_ledger, has_table_privilege(l, 'SELECT') AS ledger_select,
            has_table_privilege(l, 'INSERT') AS ledger_insert, has_table_privilege(l, 'UPDATE') AS ledger_update
       FROM t`,
    [PAKU_TABLE, LEDGER_TABLE],
  );
  const r = res.rows[0];
  if (!r) return failed('write', 'pg-error', 'The server did not answer the rights query.');
  if (r.read_only) {
    return failed('write', 'pg-schema', 'This server is read-only (a standby, or default_transaction_read_only is on).', 'Point the URL at the primary server.');
  }
  const lacking: string[] = [];
  const where = r.schema ? `schema ${r.schema}` : 'any schema on the search_path';
  if ((!r.has_table || !r.has_ledger) && !r.can_create) lacking.push(`CREATE on ${where} (to create ${[!r.has_table && PAKU_TABLE, !r.has_ledger && LEDGER_TABLE].filter(Boolean).join(' and ')})`);
  if (r.has_table && !r.table_insert) lacking.push(`INSERT on ${PAKU_TABLE}`);
  if (r.serial_usage === false) lacking.push(`USAGE on the id sequence of ${PAKU_TABLE}`);
  const ledgerRights = [!r.ledger_select && 'SELECT', !r.ledger_insert && 'INSERT', !r.ledger_update && 'UPDATE'].filter(Boolean);
  if (r.has_ledger && ledgerRights.length) lacking.push(`${ledgerRights.join(', ')} on ${LEDGER_TABLE}`);
  if (lacking.length) {
    return failed(
      'write',
      'pg-schema',
      `User ${r.who} may not write readings: it lacks ${lacking.join('; ')}.`,
      `Ask the database owner to grant ${lacking.join('; ')} to ${r.who}.`,
    );
  }
  return passed('write', `User ${r.who} may write readings${r.has_table ? '' : ` and create ${PAKU_TABLE}`}.`);
}
