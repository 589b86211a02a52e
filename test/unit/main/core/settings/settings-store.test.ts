import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../../../../common/settings';
import { createLogger } from '../../../../../main/core/logger';
import { memorySettingsStore, openConfSettingsStore } from '../../../../../main/core/settings/settings-store';

let dir: string;
let lines: string[];
const logger = () => createLogger({ sink: (l) => lines.push(l) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paku-settings-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('conf settings store', () => {
  it('starts from defaults and round-trips through settings.json in the given folder', () => {
    const store = openConfSettingsStore({ cwd: dir, logger: logger() });
    expect(store.path).toBe(join(dir, 'settings.json'));
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    store.set(applySettingsPatch(DEFAULT_SETTINGS, { theme: 'dark', ecoflow: { devices: ['R331ZEB4ZE1A0528'] } }));
    const again = openConfSettingsStore({ cwd: dir, logger: logger() });
    expect(again.get()).toMatchObject({ theme: 'dark', ecoflow: { devices: ['R331ZEB4ZE1A0528'] } });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).version).toBe(2);
  });

  it('migrates a v1 file on first read and writes it back as v2', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ apiUrl: 'https://api-a.ecoflow.com', pgUrl: 'postgresql://paku@db/paku' }));
    const store = openConfSettingsStore({ cwd: dir, logger: logger() });
    expect(store.get()).toMatchObject({ ecoflow: { region: 'us' }, postgres: { url: 'postgresql://paku@db/paku' } });
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ version: 2, ecoflow: { region: 'us' } });
    expect(lines.some((l) => l.includes('settings migrated from v1 to v2'))).toBe(true);
  });

  it('repairs invalid values with a warning instead of crashing', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 2, theme: 'neon', language: 'fi' }));
    const store = openConfSettingsStore({ cwd: dir, logger: logger() });
    expect(store.get()).toMatchObject({ theme: 'system', language: 'fi' });
    expect(lines.some((l) => l.includes('WARN') && l.includes('setting theme was invalid'))).toBe(true);
  });

  it('moves a file that is not JSON aside (kept) and starts from defaults', () => {
    writeFileSync(join(dir, 'settings.json'), '{ this is not json');
    const store = openConfSettingsStore({ cwd: dir, logger: logger() });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{ this is not json');
  });

  it('survives the file turning unreadable while running', () => {
    const store = openConfSettingsStore({ cwd: dir, logger: logger() });
    writeFileSync(join(dir, 'settings.json'), 'garbage');
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('garbage');
  });
});

describe('memory settings store', () => {
  it('validates what it was given', () => {
    lines = [];
    const store = memorySettingsStore({ version: 2, theme: 'dark', sampleSeconds: 'x' }, logger());
    expect(store.get()).toMatchObject({ theme: 'dark', sampleSeconds: 10 });
    expect(store.path).toBeNull();
  });
});
