// The settings and secrets documents of the Electron face, opened through a
// factory (electron-store in the app, `conf` in tests) and read through the
// core's schema and our own versioned migrations (DocumentSettingsStore).
// A file that is not JSON is moved aside, never deleted, and the app starts
// from the defaults.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger';
import { DocumentSettingsStore, type SettingsDocument, type SettingsStore } from '../core/settings/settings-store';

export type DocumentFactory = (opts: { name: string; mode: number }) => SettingsDocument;

function openDocument(make: DocumentFactory, name: string, mode: number, dir: string, log: Logger): SettingsDocument {
  try {
    return make({ name, mode });
  } catch (e) {
    const file = join(dir, `${name}.json`);
    // No file: the failure is not its content, and moving nothing aside would hide it.
    if (!existsSync(file)) throw e;
    const aside = `${file}.unreadable-${Date.now()}`;
    renameSync(file, aside);
    log.warn(`${name}.json was not readable JSON; moved it to ${aside} and started empty`, { error: e });
    return make({ name, mode });
  }
}

export function openSettingsFiles(opts: Readonly<{ make: DocumentFactory; dir: string; logger: Logger }>): {
  settings: SettingsStore;
  secretsFile: SettingsDocument;
} {
  const log = opts.logger.child('settings');
  const settings = new DocumentSettingsStore(openDocument(opts.make, 'settings', 0o644, opts.dir, log), log);
  // Ciphertext only, but still nobody else's business.
  const secretsFile = openDocument(opts.make, 'secrets', 0o600, opts.dir, log);
  return { settings, secretsFile };
}
