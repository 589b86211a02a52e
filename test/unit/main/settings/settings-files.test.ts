import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SETTINGS_VERSION, DEFAULT_SETTINGS } from '../../../../common/settings';
import { createLogger, silentLogger } from '../../../../main/core/logger';
import { SafeStorageBox } from '../../../../main/settings/safe-storage-box';
import { openSettingsFiles, type DocumentFactory } from '../../../../main/settings/settings-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'paku-settings-'));
  dirs.push(d);
  return d;
}

// conf is electron-store's Electron-free base: same file format, same options.
const confFactory =
  (cwd: string): DocumentFactory =>
  ({ name, mode }) =>
    new Conf<Record<string, unknown>>({ cwd, configName: name, configFileMode: mode, clearInvalidConfig: false, projectName: 'paku-ecoflow' });

describe('settings files', () => {
  it('starts from the defaults in an empty folder', () => {
    const dir = tempDir();
    const { settings } = openSettingsFiles({ make: confFactory(dir), dir, logger: silentLogger });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates a v1 file on disk to the current version and writes it back', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ apiUrl: 'https://api-a.ecoflow.com/', devices: 'DCABZ1, R331Z2', pgUrl: 'postgres://paku@db/paku', lowSoc: 25, theme: 'dark' }));
    const lines: string[] = [];
    const { settings } = openSettingsFiles({ make: confFactory(dir), dir, logger: createLogger({ sink: (l) => lines.push(l) }) });
    const s = settings.get();
    expect(s.ecoflow).toEqual({ region: 'us', customUrl: null, devices: ['DCABZ1', 'R331Z2'] });
    expect(s.postgres.url).toBe('postgres://paku@db/paku');
    expect(s.notifications.lowSoc).toBe(25);
    expect(s.theme).toBe('dark');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).version).toBe(CURRENT_SETTINGS_VERSION);
    expect(lines.join('\n')).toMatch(/migrated from v1/);
  });

  it('repairs bad values from disk with their defaults', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: CURRENT_SETTINGS_VERSION, sampleSeconds: -4, notifications: { lowSoc: 'lots' } }));
    const { settings } = openSettingsFiles({ make: confFactory(dir), dir, logger: silentLogger });
    expect(settings.get().sampleSeconds).toBe(DEFAULT_SETTINGS.sampleSeconds);
    expect(settings.get().notifications.lowSoc).toBe(DEFAULT_SETTINGS.notifications.lowSoc);
  });

  it('moves an unreadable file aside instead of deleting it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const { settings } = openSettingsFiles({ make: confFactory(dir), dir, logger: silentLogger });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{ not json');
  });

  it('reports a failure that is not the file (no file to move aside) as it is', () => {
    const dir = tempDir();
    const broken: DocumentFactory = () => {
      throw new Error('the settings store could not start');
    };
    expect(() => openSettingsFiles({ make: broken, dir, logger: silentLogger })).toThrow('the settings store could not start');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('round-trips settings and keeps secrets in their own 0600 file as ciphertext', () => {
    const dir = tempDir();
    const files = openSettingsFiles({ make: confFactory(dir), dir, logger: silentLogger });
    files.settings.set({ ...DEFAULT_SETTINGS, sampleSeconds: 30 });
    const safe = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    };
    new SafeStorageBox({ safeStorage: safe, file: files.secretsFile, platform: 'linux', logger: silentLogger }).set('postgresPassword', 'pg-password-42');

    const again = openSettingsFiles({ make: confFactory(dir), dir, logger: silentLogger });
    expect(again.settings.get().sampleSeconds).toBe(30);
    expect(new SafeStorageBox({ safeStorage: safe, file: again.secretsFile, platform: 'linux', logger: silentLogger }).get('postgresPassword')).toBe('pg-password-42');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('pg-password-42');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('pg-password-42');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});
