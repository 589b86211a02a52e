// Every read of stored settings goes through here: the file on disk is
// untrusted input. Old versions are migrated; a value that does not fit the
// schema is replaced by its default with a warning; nothing here throws.
import { CURRENT_SETTINGS_VERSION, DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../common/settings';
import { migrateSettings, type RawSettings } from './settings-migrations';

export interface SettingsRead {
  settings: Settings;
  /** One line per repair or migration, for the log. */
  warnings: string[];
  /** True when what is stored should be rewritten (migrated or repaired, and not from a newer version). */
  rewrite: boolean;
}

const isRecord = (v: unknown): v is RawSettings => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The longest prefix of `path` at which the defaults hold a value: arrays are replaced whole. */
function defaultPrefix(path: PropertyKey[]): PropertyKey[] {
  let node: unknown = DEFAULT_SETTINGS;
  const prefix: PropertyKey[] = [];
  for (const key of path) {
    if (!isRecord(node) || !(String(key) in node)) break;
    prefix.push(key);
    node = node[String(key)];
  }
  return prefix;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (isRecord(node) ? node[String(key)] : undefined), root);
}

function setAt(root: RawSettings, path: PropertyKey[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[String(key)];
    if (!isRecord(next)) node[String(key)] = {};
    node = node[String(key)] as RawSettings;
  }
  node[String(path[path.length - 1])] = value;
}

/** Validates, migrates and repairs stored settings. */
export function readStoredSettings(stored: unknown): SettingsRead {
  if (!isRecord(stored)) {
    return { settings: structuredClone(DEFAULT_SETTINGS), warnings: ['stored settings are not an object; using the defaults'], rewrite: true };
  }
  const migrated = migrateSettings(stored);
  const warnings = [...migrated.notes];
  const value = structuredClone(migrated.value);
  for (let attempt = 0; attempt < 20; attempt++) {
    const parsed = SettingsSchema.safeParse(value);
    if (parsed.success) {
      const repaired = warnings.length > migrated.notes.length;
      const rewrite = migrated.from <= CURRENT_SETTINGS_VERSION && (repaired || migrated.from !== CURRENT_SETTINGS_VERSION);
      return { settings: parsed.data, warnings, rewrite: rewrite && migrated.from !== 0 };
    }
    for (const issue of parsed.error.issues) {
      const prefix = defaultPrefix(issue.path);
      if (prefix.length === 0) continue;
      // The stored value is not echoed: a misplaced secret must not reach the log.
      warnings.push(`setting ${prefix.map(String).join('.')} was invalid (${issue.message}); using the default ${JSON.stringify(valueAt(DEFAULT_SETTINGS, prefix))}`);
      setAt(value, prefix, structuredClone(valueAt(DEFAULT_SETTINGS, prefix)));
    }
  }
  return { settings: structuredClone(DEFAULT_SETTINGS), warnings: [...warnings, 'stored settings could not be repaired; using the defaults'], rewrite: true };
}
