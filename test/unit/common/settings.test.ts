import { describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, ecoflowApiUrl, SettingsPatchSchema, SettingsSchema } from '../../../common/settings';
import { ecoflowUrlProblem, validateSettingsPatch } from '../../../common/settings-validation';

describe('settings model', () => {
  it('has complete defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      version: 2,
      ecoflow: { region: 'eu', customUrl: null, devices: [] },
      sampleSeconds: 10,
      postgres: { url: null, sslmode: 'require', caFile: null },
      republish: { enabled: false },
      notifications: { lowSoc: 20, criticalSoc: 10, gridLostAfterSec: 30, staleAfterMin: 10, syncFailingAfterMin: 30, enabled: { lowSoc: true, syncFailing: true } },
      startAtLogin: false,
      theme: 'system',
      language: 'en',
      trayDevice: null,
    });
    expect(SettingsSchema.parse({ ecoflow: { region: 'us' } }).ecoflow.devices).toEqual([]);
  });

  it('patches keep absent fields and never reset them to defaults', () => {
    const base = applySettingsPatch(DEFAULT_SETTINGS, { theme: 'dark', notifications: { lowSoc: 30 } });
    const patch = SettingsPatchSchema.parse({ notifications: { enabled: { gridLost: false } } });
    expect(patch).toEqual({ notifications: { enabled: { gridLost: false } } });
    const next = applySettingsPatch(base, patch);
    expect(next.theme).toBe('dark');
    expect(next.notifications.lowSoc).toBe(30);
    expect(next.notifications.enabled).toMatchObject({ gridLost: false, lowSoc: true });
    expect(applySettingsPatch(next, { ecoflow: { devices: ['ABC123'] } }).ecoflow.devices).toEqual(['ABC123']);
    expect(applySettingsPatch(next, { trayDevice: null }).trayDevice).toBeNull();
  });

  it('ignores the secret part when applying a patch', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { secrets: { postgresPassword: 'pw-pw-pw' }, secretsSessionOnly: true });
    expect(next).toEqual(DEFAULT_SETTINGS);
    expect(JSON.stringify(next)).not.toContain('pw-pw-pw');
  });

  it('derives the API URL from the region', () => {
    expect(ecoflowApiUrl(DEFAULT_SETTINGS)).toBe('https://api-e.ecoflow.com');
    expect(ecoflowApiUrl(applySettingsPatch(DEFAULT_SETTINGS, { ecoflow: { region: 'us' } }))).toBe('https://api-a.ecoflow.com');
    expect(ecoflowApiUrl(applySettingsPatch(DEFAULT_SETTINGS, { ecoflow: { region: 'custom', customUrl: 'https://127.0.0.1:8443/' } }))).toBe('https://127.0.0.1:8443');
    expect(ecoflowApiUrl(applySettingsPatch(DEFAULT_SETTINGS, { ecoflow: { region: 'custom' } }))).toBeNull();
  });
});

describe('validateSettingsPatch', () => {
  const issuesOf = (raw: unknown, base = DEFAULT_SETTINGS) => {
    const r = validateSettingsPatch(base, raw);
    return r.ok ? [] : r.issues;
  };

  it.each([
    [{ secrets: { ecoflowAccessKey: 'abc123' } }, 'secrets.ecoflowAccessKey', 'tooShort', 'Access key looks too short'],
    [{ secrets: { ecoflowSecretKey: 'abc def ghi jkl mno pqr' } }, 'secrets.ecoflowSecretKey', 'tooShort', 'Secret key contains spaces'],
    [{ postgres: { url: 'mysql://db/paku' } }, 'postgres.url', 'badUrl', 'Postgres URL must start with postgres:// or postgresql://'],
    [{ postgres: { url: 'postgresql://paku:secret@db/paku' } }, 'postgres.url', 'badUrl', 'Leave the password out of the Postgres URL'],
    [{ postgres: { caFile: 'ca.pem' } }, 'postgres.caFile', 'notAbsolute', 'CA file must be a full path'],
    [{ ecoflow: { region: 'custom' } }, 'ecoflow.customUrl', 'badUrl', 'Custom API URL must be a base URL'],
    [{ ecoflow: { region: 'custom', customUrl: 'http://example.com' } }, 'ecoflow.customUrl', 'badUrl', 'https'],
    [{ ecoflow: { devices: ['R331ZEB4ZE1A0528', 'not a serial'] } }, 'ecoflow.devices', 'badSerial', '"not a serial" is not a serial number'],
    [{ republish: { enabled: true } }, 'republish.url', 'badUrl', 'mqtt:// or mqtts://'],
    [{ notifications: { criticalSoc: 25 } }, 'notifications.criticalSoc', 'notBelowLow', 'Critical level must be below the low level'],
    [{ sampleSeconds: 0 }, 'sampleSeconds', 'too_small', 'Sample interval must be a whole number of seconds from 1 to 3600'],
    [{ notifications: { lowSoc: 101 } }, 'notifications.lowSoc', 'too_big', 'Low level must be a whole percentage'],
  ])('%j → %s', (patch, field, key, text) => {
    const issues = issuesOf(patch);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field, key });
    expect(issues[0]?.message).toContain(text);
  });

  it('accepts good values, local http for a custom URL, and clearing secrets', () => {
    expect(issuesOf({ secrets: { ecoflowAccessKey: 'Ab'.repeat(16), postgresPassword: null } })).toEqual([]);
    expect(issuesOf({ postgres: { url: 'postgres://paku@db.example:5432/paku', sslmode: 'verify-full', caFile: '/etc/ssl/ca.pem' } })).toEqual([]);
    expect(issuesOf({ ecoflow: { region: 'custom', customUrl: 'http://127.0.0.1:9000' } })).toEqual([]);
    expect(issuesOf({ republish: { enabled: true, url: 'mqtts://broker.local:8883', username: 'van' } })).toEqual([]);
    expect(ecoflowUrlProblem('https://api-e.ecoflow.com/iot-open')).not.toBeNull();
  });

  it('judges only what the patch touches', () => {
    const odd = { ...DEFAULT_SETTINGS, postgres: { ...DEFAULT_SETTINGS.postgres, url: 'mysql://legacy' } };
    expect(issuesOf({ theme: 'dark' }, odd)).toEqual([]);
    expect(issuesOf({ postgres: { sslmode: 'disable' } }, odd)).toEqual([]);
    expect(issuesOf({ postgres: { url: 'mysql://legacy' } }, odd)).toHaveLength(1);
  });

  it('names unknown settings', () => {
    expect(issuesOf({ colour: 'red' })[0]?.message).toBe('Unknown setting: colour.');
  });
});
