// Ordered, versioned schema migrations. Each applied migration's SQL hash is
// recorded, so a migration edited after release is detected instead of leaving
// two installations with different schemas under the same version number.
// Per-field columns are not in the migrations: reconcileColumns() adds any
// column READING_FIELDS / ROLLUP_FIELDS name that a table lacks (additive only),
// so adding a reading field never edits a migration.
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { CodedError } from '../../../common/errors';
import { ENERGY_KEYS, READING_COLUMNS, ROLLUP_FIELDS, ROLLUP_TABLES, energyColumnOf, rollupColumnsOf } from './columns';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const rollupTable = (t: string): string => `
  CREATE TABLE ${t} (
    id INTEGER PRIMARY KEY,
    sn TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    covered_ms REAL NOT NULL DEFAULT 0,
    ${ENERGY_KEYS.map((k) => `${energyColumnOf(k)} REAL NOT NULL DEFAULT 0`).join(',\n    ')}
  );
  CREATE UNIQUE INDEX ${t}_sn_bucket ON ${t}(sn, bucket);`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'readings, devices, meta, sync state',
    sql: `
  CREATE TABLE readings (id INTEGER PRIMARY KEY AUTOINCREMENT, sn TEXT NOT NULL, ts INTEGER NOT NULL);
  CREATE INDEX readings_sn_ts ON readings(sn, ts);
  CREATE TABLE devices (sn TEXT PRIMARY KEY, model TEXT NOT NULL, name TEXT NOT NULL, family TEXT NOT NULL, last_seen_ts INTEGER);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), synced_up_to INTEGER NOT NULL);
  INSERT INTO sync_state (id, synced_up_to) VALUES (1, 0);`,
  },
  {
    version: 2,
    name: 'minute and hour rollups',
    sql: rollupTable(ROLLUP_TABLES.minute) + rollupTable(ROLLUP_TABLES.hour),
  },
];

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

interface AppliedRow {
  version: number;
  name: string;
  sha256: string;
}

/** Applies pending migrations in one immediate transaction; returns the versions applied. */
export function migrate(db: BetterSqlite3.Database, now: number, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  // Read what is applied inside the write transaction: another process may be migrating too.
  const run = db.transaction((): number[] => {
    const applied = db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as AppliedRow[];
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of applied) {
      const m = known.get(row.version);
      if (!m) {
        throw new CodedError(
          'internal',
          `The local database has schema version ${row.version} ("${row.name}"), newer than this paku-ecoflow knows. Update paku-ecoflow, or point it at another data directory.`,
        );
      }
      if (migrationHash(m) !== row.sha256) {
        throw new CodedError(
          'internal',
          `Local database migration ${m.version} ("${m.name}") was changed after it was applied. Restore its original SQL and add a new migration instead.`,
        );
      }
    }
    const done = new Set(applied.map((r) => r.version));
    const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
    const newly: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, migrationHash(m), now);
      newly.push(m.version);
    }
    reconcileColumns(db);
    const top = Math.max(0, ...applied.map((r) => r.version), ...newly);
    db.pragma(`user_version = ${top}`);
    return newly;
  });
  return run.immediate();
}

function columnsOf(db: BetterSqlite3.Database, table: string): Set<string> {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

function addMissing(db: BetterSqlite3.Database, table: string, wanted: [name: string, decl: string][]): void {
  const have = columnsOf(db, table);
  if (have.size === 0) return;
  for (const [name, decl] of wanted) {
    if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${decl}`);
  }
}

/** Adds the per-field columns the tables lack (ADD COLUMN is O(1), data is never rewritten). */
export function reconcileColumns(db: BetterSqlite3.Database): void {
  addMissing(
    db,
    'readings',
    READING_COLUMNS.map((c) => [c, 'REAL']),
  );
  const rollupCols = ROLLUP_FIELDS.flatMap((f): [string, string][] => {
    const c = rollupColumnsOf(f);
    return [
      [c.min, 'REAL'],
      [c.max, 'REAL'],
      [c.sum, 'REAL NOT NULL DEFAULT 0'],
      [c.n, 'INTEGER NOT NULL DEFAULT 0'],
    ];
  });
  addMissing(db, ROLLUP_TABLES.minute, rollupCols);
  addMissing(db, ROLLUP_TABLES.hour, rollupCols);
}
