// Our own versioned migrations of the stored settings: pure vN → vN+1
// functions over untrusted JSON, applied in order. electron-store's own
// migrations are not used (unsupported per its README).
//
// v1 was the first layout: flat keys mirroring the CLI configuration
// (apiUrl, devices, sampleSeconds, pgUrl, pgSslMode, pgCaFile, republishUrl,
// lowSoc, theme, ...). v2 groups them by section and names the region.
import { CURRENT_SETTINGS_VERSION, REGION_URLS } from '../../../common/settings';

export type RawSettings = Record<string, unknown>;

type Migration = (v: RawSettings) => RawSettings;

function regionOf(apiUrl: unknown): { region: 'eu' | 'us' | 'custom'; customUrl: string | null } {
  if (typeof apiUrl !== 'string' || !apiUrl.trim()) return { region: 'eu', customUrl: null };
  const url = apiUrl.trim().replace(/\/+$/, '');
  if (url === REGION_URLS.eu) return { region: 'eu', customUrl: null };
  if (url === REGION_URLS.us) return { region: 'us', customUrl: null };
  return { region: 'custom', customUrl: url };
}

function v1ToV2(v: RawSettings): RawSettings {
  const { apiUrl, devices, sampleSeconds, pgUrl, pgSslMode, pgCaFile, republishUrl, lowSoc, criticalSoc, startAtLogin, theme, language, trayDevice } = v;
  // Leaves are copied as found; the schema read that follows repairs bad ones.
  return {
    version: 2,
    ecoflow: { ...regionOf(apiUrl), devices: typeof devices === 'string' ? devices.split(',').map((s) => s.trim()).filter(Boolean) : devices },
    sampleSeconds,
    postgres: { url: pgUrl, sslmode: pgSslMode, caFile: pgCaFile },
    republish: { enabled: typeof republishUrl === 'string' && republishUrl.length > 0, url: republishUrl },
    notifications: { lowSoc, criticalSoc },
    startAtLogin,
    theme,
    language,
    trayDevice,
  };
}

/** MIGRATIONS[n] turns version n+1 into version n+2. */
export const MIGRATIONS: readonly Migration[] = [v1ToV2];

if (MIGRATIONS.length !== CURRENT_SETTINGS_VERSION - 1) throw new Error('settings migrations do not reach CURRENT_SETTINGS_VERSION');

export interface MigrationOutcome {
  value: RawSettings;
  /** The version found on disk (0 for an empty store). */
  from: number;
  /** What happened, for the log; empty when nothing was done. */
  notes: string[];
}

/** Brings stored settings of any known version to the current one; never throws. */
export function migrateSettings(stored: RawSettings): MigrationOutcome {
  const keys = Object.keys(stored);
  if (keys.length === 0) return { value: {}, from: 0, notes: [] };
  const raw = stored.version;
  let version = raw === undefined ? 1 : typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? raw : NaN;
  const notes: string[] = [];
  if (Number.isNaN(version)) {
    notes.push(`settings carry an unreadable version (${JSON.stringify(raw)}); reading them as the current version`);
    return { value: { ...stored, version: CURRENT_SETTINGS_VERSION }, from: CURRENT_SETTINGS_VERSION, notes };
  }
  if (version > CURRENT_SETTINGS_VERSION) {
    notes.push(`settings were written by a newer version (v${version}); settings this version does not know are ignored`);
    return { value: { ...stored, version: CURRENT_SETTINGS_VERSION }, from: version, notes };
  }
  const from = version;
  let value = stored;
  while (version < CURRENT_SETTINGS_VERSION) {
    value = MIGRATIONS[version - 1]!(value);
    version += 1;
  }
  if (from < CURRENT_SETTINGS_VERSION) notes.push(`settings migrated from v${from} to v${CURRENT_SETTINGS_VERSION}`);
  return { value, from, notes };
}
