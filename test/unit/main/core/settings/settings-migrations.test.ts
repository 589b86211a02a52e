import { describe, expect, it } from 'vitest';
import { CURRENT_SETTINGS_VERSION } from '../../../../../common/settings';
import { migrateSettings, MIGRATIONS } from '../../../../../main/core/settings/settings-migrations';

describe('settings migrations', () => {
  it('has one step per version up to the current one', () => {
    expect(MIGRATIONS).toHaveLength(CURRENT_SETTINGS_VERSION - 1);
  });

  it('v1 → v2: groups flat keys by section and names the region', () => {
    const v1 = {
      apiUrl: 'https://api-a.ecoflow.com/',
      devices: 'R331ZEB4ZE1A0528, DCABZ8ZE2F1A0123',
      sampleSeconds: 5,
      pgUrl: 'postgresql://paku@db/paku',
      pgSslMode: 'verify-full',
      pgCaFile: '/etc/ca.pem',
      republishUrl: 'mqtt://10.0.0.2',
      lowSoc: 25,
      theme: 'dark',
      language: 'fi',
    };
    const out = migrateSettings(v1);
    expect(out.from).toBe(1);
    expect(out.notes).toEqual(['settings migrated from v1 to v2']);
    expect(out.value).toMatchObject({
      version: 2,
      ecoflow: { region: 'us', customUrl: null, devices: ['R331ZEB4ZE1A0528', 'DCABZ8ZE2F1A0123'] },
      sampleSeconds: 5,
      postgres: { url: 'postgresql://paku@db/paku', sslmode: 'verify-full', caFile: '/etc/ca.pem' },
      republish: { enabled: true, url: 'mqtt://10.0.0.2' },
      notifications: { lowSoc: 25 },
      theme: 'dark',
      language: 'fi',
    });
  });

  it('v1 → v2: Europe, custom and missing API URLs', () => {
    expect(migrateSettings({ version: 1, apiUrl: 'https://api-e.ecoflow.com' }).value.ecoflow).toMatchObject({ region: 'eu', customUrl: null });
    expect(migrateSettings({ version: 1, apiUrl: 'https://sim.local:8443' }).value.ecoflow).toMatchObject({ region: 'custom', customUrl: 'https://sim.local:8443' });
    expect(migrateSettings({ version: 1, theme: 'light' }).value.ecoflow).toMatchObject({ region: 'eu' });
    expect(migrateSettings({ version: 1, apiUrl: 42 }).value.ecoflow).toMatchObject({ region: 'eu' });
  });

  it('leaves current settings alone and an empty store empty', () => {
    const current = { version: CURRENT_SETTINGS_VERSION, theme: 'dark' };
    expect(migrateSettings(current)).toEqual({ value: current, from: CURRENT_SETTINGS_VERSION, notes: [] });
    expect(migrateSettings({})).toEqual({ value: {}, from: 0, notes: [] });
  });

  it('reads settings from a newer version as current, saying so', () => {
    const out = migrateSettings({ version: 99, theme: 'dark' });
    expect(out.from).toBe(99);
    expect(out.value.version).toBe(CURRENT_SETTINGS_VERSION);
    expect(out.notes[0]).toMatch(/newer version \(v99\)/);
  });

  it('survives a nonsense version', () => {
    const out = migrateSettings({ version: 'two', theme: 'dark' });
    expect(out.value).toEqual({ version: CURRENT_SETTINGS_VERSION, theme: 'dark' });
    expect(out.notes[0]).toMatch(/unreadable version/);
  });
});
