import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/settings';
import { isCodedError } from '../../../../common/errors';
import { Redactor, createLogger, silentLogger } from '../../../../main/core/logger';
import { toSettingsView } from '../../../../main/core/settings/settings-view';
import { SafeStorageBox, type SafeStorageLike, type SecretFile } from '../../../../main/settings/safe-storage-box';

/** Reversible stand-in for OS encryption, tagged with its backend so a foreign one cannot decrypt. */
class FakeSafeStorage implements SafeStorageLike {
  constructor(
    public backend: string,
    public available = true,
  ) {}
  isEncryptionAvailable() {
    return this.available;
  }
  encryptString(plain: string) {
    return Buffer.from(`${this.backend}|${[...plain].reverse().join('')}`);
  }
  decryptString(b: Buffer) {
    const [tag, body] = b.toString().split('|');
    if (tag !== this.backend) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...(body ?? '')].reverse().join('');
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
}

const KEY = 'Ak-0123456789abcdef';

function box(safe: SafeStorageLike, file: SecretFile = { store: {} }, platform: NodeJS.Platform = 'linux', redactor?: Redactor) {
  return new SafeStorageBox({ safeStorage: safe, file, platform, logger: silentLogger, ...(redactor ? { redactor } : {}) });
}

describe('safe-storage secret box', () => {
  it('stores v1: base64 ciphertext, never the plain text, and reads it back', () => {
    const file: SecretFile = { store: {} };
    const b = box(new FakeSafeStorage('gnome_libsecret'), file);
    b.set('ecoflowAccessKey', ` ${KEY} `);
    const raw = JSON.stringify(file.store);
    expect(raw).not.toContain(KEY);
    expect(file.store).toMatchObject({ version: 1, values: { ecoflowAccessKey: { backend: 'gnome_libsecret', v: expect.stringMatching(/^v1:[A-Za-z0-9+/=]+$/) } } });
    // A fresh box (next start) decrypts from the file.
    expect(box(new FakeSafeStorage('gnome_libsecret'), file).get('ecoflowAccessKey')).toBe(KEY);
    expect(b.isAvailable()).toEqual({ ok: true, reason: null });
  });

  it('refuses basic_text on Linux with the reason and what to install', () => {
    const b = box(new FakeSafeStorage('basic_text'));
    const a = b.isAvailable();
    expect(a.ok).toBe(false);
    expect(a.reason).toMatch(/basic_text/);
    expect(a.reason).toMatch(/GNOME Keyring|KWallet/);
    let thrown: unknown;
    try {
      b.set('ecoflowSecretKey', KEY);
    } catch (e) {
      thrown = e;
    }
    expect(isCodedError(thrown) && thrown.code).toBe('secret-storage-unavailable');
    expect(b.get('ecoflowSecretKey')).toBeNull();
  });

  it('refuses when the OS says encryption is unavailable (Windows, macOS)', () => {
    const b = box(new FakeSafeStorage('dpapi', false), { store: {} }, 'win32');
    expect(b.isAvailable().ok).toBe(false);
    expect(() => b.set('postgresPassword', 'pw-123456')).toThrow(/cannot be stored encrypted/);
  });

  it('keeps secrets in memory only after the session-only opt-in', () => {
    const file: SecretFile = { store: {} };
    const b = box(new FakeSafeStorage('basic_text'), file);
    b.setSessionOnly(true);
    b.set('postgresPassword', 'pw-secret-1');
    expect(b.get('postgresPassword')).toBe('pw-secret-1');
    expect(JSON.stringify(file.store)).not.toContain('pw-secret-1');
    expect(b.isAvailable()).toMatchObject({ ok: true, sessionOnly: true, reason: expect.stringMatching(/session only/) });
    // Next start: gone.
    expect(box(new FakeSafeStorage('basic_text'), file).get('postgresPassword')).toBeNull();
  });

  it('detects and explains a change of storage backend', () => {
    const file: SecretFile = { store: {} };
    box(new FakeSafeStorage('kwallet5'), file).set('ecoflowAccessKey', KEY);
    const lines: string[] = [];
    const b = new SafeStorageBox({ safeStorage: new FakeSafeStorage('gnome_libsecret'), file, platform: 'linux', logger: createLogger({ sink: (l) => lines.push(l) }) });
    expect(b.backendChange()).toEqual({ from: 'kwallet5', to: 'gnome_libsecret', names: ['ecoflowAccessKey'] });
    expect(b.get('ecoflowAccessKey')).toBeNull();
    expect(b.isAvailable()).toMatchObject({ ok: true, reason: expect.stringMatching(/"kwallet5".*"gnome_libsecret".*ecoflowAccessKey.*enter them again/) });
    expect(lines.join('\n')).toMatch(/backend changed/);
    expect(lines.join('\n')).not.toContain(KEY);
    // Entering it again resolves the change.
    b.set('ecoflowAccessKey', KEY);
    expect(b.backendChange()).toBeNull();
    expect(b.isAvailable()).toEqual({ ok: true, reason: null });
  });

  it('reports a value that cannot be decrypted instead of failing', () => {
    const file: SecretFile = { store: { values: { ecoflowSecretKey: { v: 'v1:bm9wZQ==', backend: 'gnome_libsecret' } } } };
    const b = box(new FakeSafeStorage('gnome_libsecret'), file);
    expect(b.get('ecoflowSecretKey')).toBeNull();
    expect(b.isAvailable().reason).toMatch(/could not be decrypted/);
  });

  it('ignores malformed entries in the file', () => {
    const file: SecretFile = { store: { values: { ecoflowAccessKey: 'plain!', postgresPassword: { v: 'x', backend: 'kwallet' }, other: 1 } } };
    const b = box(new FakeSafeStorage('kwallet'), file);
    expect(b.get('ecoflowAccessKey')).toBeNull();
    expect(b.get('postgresPassword')).toBeNull();
  });

  it('deletes a secret', () => {
    const file: SecretFile = { store: {} };
    const b = box(new FakeSafeStorage('keychain'), file, 'darwin');
    b.set('republishPassword', 'mqtt-pass-9');
    b.delete('republishPassword');
    expect(b.get('republishPassword')).toBeNull();
    expect(file.store).toEqual({ version: 1, values: {} });
  });

  it('never hands plain text to the window view and registers values for log redaction', () => {
    const redactor = new Redactor();
    const b = box(new FakeSafeStorage('dpapi'), { store: {} }, 'win32', redactor);
    b.set('ecoflowAccessKey', KEY);
    b.set('ecoflowSecretKey', 'Sk-fedcba9876543210');
    const view = toSettingsView(DEFAULT_SETTINGS, b);
    const json = JSON.stringify(view);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain('Sk-fedcba9876543210');
    expect(view.secrets.ecoflowAccessKey).toEqual({ isSet: true });
    expect(view.secrets.postgresPassword).toEqual({ isSet: false });
    expect(redactor.redact(`key=${KEY}`)).toBe('key=***');
  });
});
