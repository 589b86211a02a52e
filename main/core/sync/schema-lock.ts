// Creating tables when several installations connect at the same moment:
// the statements run under one advisory lock, as one implicit transaction of
// a single simple-protocol query, so the whole step costs one round trip (on a
// 50 ms link that matters) and a failure leaves nothing half made.
import type pg from 'pg';

const SCHEMA_LOCK_KEY = 'paku_ecoflow_schema';

/** Runs fixed DDL statements (no user input) atomically under the app's schema lock. */
export async function runLocked(client: pg.Client, statements: string[]): Promise<void> {
  await client.query([`SELECT pg_advisory_xact_lock(hashtext('${SCHEMA_LOCK_KEY}'))`, ...statements].join(';\n'));
}
