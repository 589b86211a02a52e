// Where the app keeps its SQLite store and settings when nobody says otherwise:
// the folder Electron uses as the tray app's userData on each OS, so the CLI's
// `status` and `export` read the tray app's readings, and the collector lock
// keeps the two from collecting twice.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'paku-ecoflow';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME);
}

export const STORE_FILE_NAME = 'readings.sqlite';
/** The demo's own store beside it (simulated readings never mix with real ones). */
export const DEMO_STORE_FILE_NAME = 'demo.sqlite';
