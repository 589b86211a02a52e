// Binds the settings files to electron-store (userData, atomic writes).
// electron-store is ESM and imports `electron`, so it stays in this adapter;
// everything it does here is tested through settings-files.ts with `conf`.
import ElectronStore from 'electron-store';
import type { Logger } from '../core/logger';
import { openSettingsFiles, type DocumentFactory } from './settings-files';

const electronStoreFactory: DocumentFactory = ({ name, mode }) =>
  new ElectronStore<Record<string, unknown>>({ name, configFileMode: mode, clearInvalidConfig: false });

export function openElectronSettings(opts: Readonly<{ userData: string; logger: Logger }>): ReturnType<typeof openSettingsFiles> {
  return openSettingsFiles({ make: electronStoreFactory, dir: opts.userData, logger: opts.logger });
}
