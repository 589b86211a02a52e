import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { READING_FIELD_NAMES } from '../../../../../common/reading';
import { READING_COLUMNS, ROLLUP_FIELDS, columnOf, rollupColumnsOf } from '../../../../../main/core/store/columns';
import { MIGRATIONS, migrate, migrationHash, type Migration } from '../../../../../main/core/store/migrations';

const columns = (db: Database.Database, t: string): string[] =>
  (db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('is an ordered list with unique versions', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('builds the schema from an empty database, with one column per reading field', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(columns(db, 'readings')).toEqual(['id', 'sn', 'ts', ...READING_COLUMNS]);
    expect(READING_COLUMNS).toHaveLength(READING_FIELD_NAMES.length);
    expect(columnOf('socPercent')).toBe('soc_percent');
    expect(columnOf('dc12vOutWatts')).toBe('dc_12v_out_watts');
    const minute = columns(db, 'rollup_minute');
    for (const f of ROLLUP_FIELDS) expect(minute).toContain(rollupColumnsOf(f).n);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('re-running is a no-op', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all();
    expect(migrate(db, 2)).toEqual([]);
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
  });

  it('applies only the new migrations and records their hashes', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const extra: Migration = { version: 99, name: 'test table', sql: 'CREATE TABLE extra (x INTEGER)' };
    expect(migrate(db, 2, [...MIGRATIONS, extra])).toEqual([99]);
    const row = db.prepare('SELECT sha256, applied_at FROM schema_migrations WHERE version = 99').get();
    expect(row).toEqual({ sha256: migrationHash(extra), applied_at: 2 });
  });

  it('detects a migration edited after it was applied', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const edited = MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: m.sql + ' ' } : m));
    expect(() => migrate(db, 2, edited)).toThrow(/migration 1 .* was changed after it was applied/);
  });

  it('refuses a database from a newer version', () => {
    const db = new Database(':memory:');
    migrate(db, 1, [...MIGRATIONS, { version: 50, name: 'future', sql: 'SELECT 1' }]);
    expect(() => migrate(db, 2)).toThrow(/schema version 50 .* newer than this paku-ecoflow knows/);
  });

  it('adds a column for a field the table lacks without touching data', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.exec('ALTER TABLE readings DROP COLUMN wifi_rssi');
    db.prepare('INSERT INTO readings (sn, ts) VALUES (?, ?)').run('X', 1);
    migrate(db, 2);
    expect(columns(db, 'readings')).toContain('wifi_rssi');
    expect(db.prepare('SELECT sn, ts FROM readings').all()).toEqual([{ sn: 'X', ts: 1 }]);
  });
});
