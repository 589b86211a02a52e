import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../../common/settings';
import { readStoredSettings } from '../../../../../main/core/settings/settings-schema';

describe('readStoredSettings', () => {
  it('gives the defaults for an empty store without rewriting it', () => {
    expect(readStoredSettings({})).toEqual({ settings: DEFAULT_SETTINGS, warnings: [], rewrite: false });
  });

  it('keeps valid settings as they are', () => {
    const stored = { ...DEFAULT_SETTINGS, theme: 'dark', ecoflow: { region: 'us', customUrl: null, devices: ['R331ZEB4ZE1A0528'] } };
    expect(readStoredSettings(stored)).toEqual({ settings: stored, warnings: [], rewrite: false });
  });

  it('repairs each invalid value to its default with a warning, keeping the rest', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      theme: 'neon',
      sampleSeconds: -5,
      language: 'fi',
      notifications: { ...DEFAULT_SETTINGS.notifications, lowSoc: 'lots', enabled: { gridLost: 'maybe', lowSoc: false } },
      ecoflow: { region: 'eu', customUrl: null, devices: ['OK123456', 7] },
    };
    const read = readStoredSettings(stored);
    expect(read.settings.theme).toBe('system');
    expect(read.settings.sampleSeconds).toBe(10);
    expect(read.settings.language).toBe('fi');
    expect(read.settings.notifications.lowSoc).toBe(20);
    expect(read.settings.notifications.enabled).toMatchObject({ gridLost: true, lowSoc: false });
    expect(read.settings.ecoflow.devices).toEqual([]);
    expect(read.rewrite).toBe(true);
    expect(read.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^setting theme was invalid .*using the default "system"$/),
        expect.stringMatching(/^setting sampleSeconds was invalid/),
        expect.stringMatching(/^setting notifications\.lowSoc was invalid/),
        expect.stringMatching(/^setting notifications\.enabled\.gridLost was invalid/),
        expect.stringMatching(/^setting ecoflow\.devices was invalid/),
      ]),
    );
  });

  it('never echoes a stored value in a warning (a misplaced secret must not reach the log)', () => {
    const read = readStoredSettings({ ...DEFAULT_SETTINGS, postgres: { url: 12345678, sslmode: 'super-secret-value' } });
    expect(read.warnings.join('\n')).not.toContain('super-secret-value');
    expect(read.settings.postgres.sslmode).toBe('require');
  });

  it('turns sections of the wrong type, and non-objects, into defaults', () => {
    expect(readStoredSettings({ version: 2, ecoflow: 'eu', notifications: [] }).settings).toEqual(DEFAULT_SETTINGS);
    for (const junk of [null, 42, 'text', [1, 2]]) {
      const read = readStoredSettings(junk);
      expect(read.settings).toEqual(DEFAULT_SETTINGS);
      expect(read.warnings).toEqual(['stored settings are not an object; using the defaults']);
    }
  });

  it('drops unknown keys and fills in fields added later', () => {
    const read = readStoredSettings({ version: 2, theme: 'light', someday: true, notifications: { lowSoc: 30 } });
    expect(read.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'light', notifications: { ...DEFAULT_SETTINGS.notifications, lowSoc: 30 } });
    expect('someday' in read.settings).toBe(false);
  });

  it('migrates v1 and asks for a rewrite; a newer version is read but not rewritten', () => {
    const v1 = readStoredSettings({ apiUrl: 'https://api-a.ecoflow.com', theme: 'dark' });
    expect(v1.settings.ecoflow.region).toBe('us');
    expect(v1.rewrite).toBe(true);
    const newer = readStoredSettings({ version: 3, theme: 'dark', hologram: true });
    expect(newer.settings.theme).toBe('dark');
    expect(newer.rewrite).toBe(false);
  });
});
