// Binds the settings files to electron-store (userData, atomic writes).
// electron-store is ESM and imports `electron`, so it stays in this adapter;
// everything it does here is tested through settings-files.ts with `conf`.
import ElectronStore from 'electron-store';
import type { Logger } from '../core/logger';
import { openSettingsFiles, type DocumentFactory } from './settings-files';

export function openElectronSettings(opts: Readonly<{ userData: string; logger: Logger }>): ReturnType<typeof openSettingsFiles> {
  // cwd spelled out: the same folder electron-store would default to, and the one a broken file is moved aside in.
  const make: DocumentFactory = ({ name, mode }) =>
    new ElectronStore<Record<string, unknown>>({ name, cwd: opts.userData, configFileMode: mode, clearInvalidConfig: false });
  return openSettingsFiles({ make, dir: opts.userData, logger: opts.logger });
}
