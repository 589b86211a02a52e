// Small persistent settings of the installation (MQTT client id, installation id).
import type BetterSqlite3 from 'better-sqlite3';
import type { KeyValueStore } from './types';

export class MetaStore implements KeyValueStore {
  readonly #get: BetterSqlite3.Statement;
  readonly #set: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.#get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.#set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | null {
    const v = this.#get.get(key);
    return typeof v === 'string' ? v : null;
  }

  set(key: string, value: string): void {
    this.#set.run(key, value);
  }
}
