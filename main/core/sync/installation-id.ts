// The ledger key for this installation. It lives in the local store itself, so
// a new or replaced store gets a new id and can never inherit another store's
// mark (which would skip its readings as "already synced").
import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../store/types';

const KEY = 'paku.sync.installationId';

export function syncInstallationId(kv: KeyValueStore): string {
  let id = kv.get(KEY);
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) {
    id = randomUUID();
    kv.set(KEY, id);
  }
  return id;
}
