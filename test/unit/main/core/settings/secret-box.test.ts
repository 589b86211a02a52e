import { describe, expect, it } from 'vitest';
import { isCodedError } from '../../../../../common/errors';
import { createLogger, Redactor } from '../../../../../main/core/logger';
import { headlessSecretBox, MemorySecretBox, readSecrets, secretStorageView, secretsWithDefaults } from '../../../../../main/core/settings/secret-box';
import { toSettingsView } from '../../../../../main/core/settings/settings-view';
import { DEFAULT_SETTINGS } from '../../../../../common/settings';

describe('MemorySecretBox', () => {
  it('sets, gets and deletes, and registers values with the redactor', () => {
    const redactor = new Redactor();
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), redactor });
    const box = new MemorySecretBox({ redactor });
    box.set('postgresPassword', '  tr0ub4dor&3  ');
    expect(box.get('postgresPassword')).toBe('tr0ub4dor&3');
    log.info('password is tr0ub4dor&3');
    expect(lines[0]).not.toContain('tr0ub4dor&3');
    box.delete('postgresPassword');
    expect(box.get('postgresPassword')).toBeNull();
  });

  it('refuses to store when unavailable, with the reason, yet still redacts the value', () => {
    const redactor = new Redactor();
    const box = new MemorySecretBox({ redactor, availability: { ok: false, reason: 'Install a keyring.' } });
    let thrown: unknown;
    try {
      box.set('ecoflowSecretKey', 'very-secret-value');
    } catch (e) {
      thrown = e;
    }
    expect(isCodedError(thrown) && thrown.code).toBe('secret-storage-unavailable');
    expect((thrown as Error).message).toBe('Install a keyring.');
    expect(redactor.redact('very-secret-value')).toBe('***');
    expect(secretStorageView(box)).toEqual({ available: false, reason: 'Install a keyring.', sessionOnly: false });
  });
});

describe('headlessSecretBox', () => {
  it('takes secrets from the environment first, then the secrets file, and keeps changes for the session only', () => {
    const box = headlessSecretBox({
      env: { ECOFLOW_ACCESS_KEY: 'env-access', PAKU_PG_PASSWORD: '  ' },
      file: { ECOFLOW_ACCESS_KEY: 'file-access', ECOFLOW_SECRET_KEY: 'file-secret', PAKU_PG_PASSWORD: 'file-pg' },
    });
    expect(readSecrets(box)).toEqual({ ecoflowAccessKey: 'env-access', ecoflowSecretKey: 'file-secret', postgresPassword: 'file-pg', republishPassword: null });
    expect(secretStorageView(box)).toMatchObject({ available: true, sessionOnly: true });
  });
});

describe('toSettingsView', () => {
  it('shows secrets only as isSet', () => {
    const box = new MemorySecretBox({ initial: { ecoflowAccessKey: 'AK-1234567890', republishPassword: null } });
    const view = toSettingsView(DEFAULT_SETTINGS, box);
    expect(view.secrets).toEqual({ ecoflowAccessKey: { isSet: true }, ecoflowSecretKey: { isSet: false }, postgresPassword: { isSet: false }, republishPassword: { isSet: false } });
    expect(JSON.stringify(view)).not.toContain('AK-1234567890');
    expect('version' in view).toBe(false);
  });
});

describe('secretsWithDefaults', () => {
  it('reads the defaults for unset secrets without storing them, even where the store refuses writes', () => {
    const refusing = new MemorySecretBox({ availability: { ok: false, reason: 'no keyring' } });
    const box = secretsWithDefaults(refusing, { ecoflowAccessKey: 'demo-access', ecoflowSecretKey: 'demo-secret' });
    expect(box.get('ecoflowAccessKey')).toBe('demo-access');
    expect(refusing.get('ecoflowAccessKey')).toBeNull();
    expect(box.get('postgresPassword')).toBeNull();
    expect(() => box.set('ecoflowAccessKey', 'mine')).toThrow(/no keyring/);
  });

  it('a secret the user set wins over the default', () => {
    const inner = new MemorySecretBox({ initial: { ecoflowAccessKey: 'mine-1234' } });
    expect(secretsWithDefaults(inner, { ecoflowAccessKey: 'demo-access' }).get('ecoflowAccessKey')).toBe('mine-1234');
  });
});
