// Where non-secret settings live. The same code serves both faces: the CLI and
// tests use `conf` with an explicit folder, the Electron face hands in an
// electron-store (both expose the whole document as `.store`).
import { renameSync } from 'node:fs';
import Conf from 'conf';
import type { Settings } from '../../../common/settings';
import type { Logger } from '../logger';
import { readStoredSettings } from './settings-schema';

export interface SettingsStore {
  /** The current settings, validated, migrated and repaired (never throws). */
  get(): Settings;
  set(next: Settings): void;
  /** The file behind the store, for diagnostics; null when in memory. */
  readonly path: string | null;
}

/** The part of conf / electron-store this needs. */
export interface SettingsDocument {
  store: Record<string, unknown>;
  readonly path?: string;
}

export class DocumentSettingsStore implements SettingsStore {
  readonly #doc: SettingsDocument;
  readonly #log: Logger;

  constructor(doc: SettingsDocument, logger: Logger) {
    this.#doc = doc;
    this.#log = logger;
  }

  get path(): string | null {
    return this.#doc.path ?? null;
  }

  get(): Settings {
    let stored: unknown;
    try {
      stored = this.#doc.store;
    } catch (e) {
      this.#log.warn('settings could not be read; using the defaults', { error: e });
      stored = {};
    }
    const read = readStoredSettings(stored);
    for (const w of read.warnings) this.#log.warn(w);
    if (read.rewrite) this.#write(read.settings, 'repaired settings could not be saved');
    return read.settings;
  }

  set(next: Settings): void {
    this.#doc.store = { ...next };
  }

  #write(next: Settings, failure: string): void {
    try {
      this.set(next);
    } catch (e) {
      this.#log.warn(failure, { error: e });
    }
  }
}

/** Settings in memory (tests, a CLI run without a data folder). */
export function memorySettingsStore(initial: Record<string, unknown> = {}, logger: Logger): SettingsStore {
  return new DocumentSettingsStore({ store: structuredClone(initial) }, logger);
}

/**
 * A `conf`-backed store in `cwd` (file settings.json). A file that is not
 * JSON at all is moved aside (kept, never deleted) and the defaults are used.
 */
export function openConfSettingsStore(opts: { cwd: string; logger: Logger; configName?: string }): SettingsStore {
  const make = () => new Conf<Record<string, unknown>>({ cwd: opts.cwd, configName: opts.configName ?? 'settings', projectName: 'paku-ecoflow' });
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = make();
  } catch (e) {
    const file = `${opts.cwd}/${opts.configName ?? 'settings'}.json`;
    const aside = `${file}.unreadable-${Date.now()}`;
    try {
      renameSync(file, aside);
      opts.logger.warn(`settings file was not readable JSON; moved it to ${aside} and started from the defaults`, { error: e });
    } catch (moveError) {
      opts.logger.error('settings file is unreadable and could not be moved aside', { error: moveError });
      throw e;
    }
    conf = make();
  }
  return new DocumentSettingsStore(conf, opts.logger);
}
