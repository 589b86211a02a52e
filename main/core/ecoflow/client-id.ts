// One MQTT client id per installation (spec §4.2: about 10 distinct ids per
// account per day). Derived from the access key and a random installation id
// that is persisted, so it survives reconnects and restarts and changes only
// with the keys or a fresh install.
import { createHash, randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../store/types';

const INSTALLATION_KEY = 'ecoflow.installationId';

export function installationClientId(kv: KeyValueStore, accessKey: string): string {
  let installation = kv.get(INSTALLATION_KEY);
  if (!installation || !/^[0-9a-f]{32}$/.test(installation)) {
    installation = randomBytes(16).toString('hex');
    kv.set(INSTALLATION_KEY, installation);
  }
  const digest = createHash('sha256').update(accessKey.trim() + installation).digest('hex');
  return `paku-ecoflow-${digest.slice(0, 12)}`;
}
