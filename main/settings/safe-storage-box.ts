// SecretBox over Electron's safeStorage: each secret is encrypted by the OS
// (Keychain, DPAPI, libsecret/KWallet) and kept as `v1:<base64>` in its own
// file, next to the backend that encrypted it. On Linux the `basic_text`
// backend is no encryption at all, so secrets are refused there, with the
// reason and the fix, unless the person opts in to keeping them in memory for
// this session only. Values saved under another backend are detected and
// explained. safeStorage and the file are injected, so this runs under Node.
import { CodedError } from '../../common/errors';
import { SECRET_NAMES, type SecretName } from '../../common/settings';
import type { Logger, Redactor } from '../core/logger';
import type { SecretAvailability, SecretBox } from '../core/settings/secret-box';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

/** The secrets file (an electron-store in the app; a plain object in tests). */
export interface SecretFile {
  store: Record<string, unknown>;
}

interface StoredSecret {
  v: string;
  backend: string;
}

const SCHEME = 'v1:';

export const KEYRING_HELP =
  'Install and unlock a system keyring (GNOME Keyring / libsecret, or KWallet), then restart paku-ecoflow; or choose "Keep for this session only" to use them until you quit.';

function currentBackend(safe: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return safe.getSelectedStorageBackend?.() ?? 'unknown';
}

function readStored(raw: unknown): Partial<Record<SecretName, StoredSecret>> {
  const values = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Partial<Record<SecretName, StoredSecret>> = {};
  for (const name of SECRET_NAMES) {
    const s = values[name] as Partial<StoredSecret> | undefined;
    if (s && typeof s.v === 'string' && s.v.startsWith(SCHEME) && typeof s.backend === 'string') out[name] = { v: s.v, backend: s.backend };
  }
  return out;
}

export class SafeStorageBox implements SecretBox {
  readonly #safe: SafeStorageLike;
  readonly #file: SecretFile;
  readonly #platform: NodeJS.Platform;
  readonly #redactor: Redactor | undefined;
  readonly #log: Logger;
  /** Decrypted (or session-only) values: decrypting can prompt the OS, so once is enough. */
  readonly #plain = new Map<SecretName, string>();
  readonly #unreadable = new Set<SecretName>();
  #sessionOnly = false;

  constructor(opts: Readonly<{ safeStorage: SafeStorageLike; file: SecretFile; platform: NodeJS.Platform; logger: Logger; redactor?: Redactor }>) {
    this.#safe = opts.safeStorage;
    this.#file = opts.file;
    this.#platform = opts.platform;
    this.#redactor = opts.redactor;
    this.#log = opts.logger.child('secrets');
    const changed = this.backendChange();
    if (changed) this.#log.warn('secret storage backend changed', changed);
  }

  /** Why encryption cannot be used here, or null when it can. */
  #refusal(): string | null {
    const backend = currentBackend(this.#safe, this.#platform);
    if (this.#platform === 'linux' && (backend === 'basic_text' || backend === 'unknown')) {
      return `No system keyring is available (Electron's safeStorage backend is "${backend}"), so the EcoFlow keys and passwords would be stored as plain text. paku-ecoflow does not do that. ${KEYRING_HELP}`;
    }
    if (!this.#safe.isEncryptionAvailable()) {
      return `The operating system's secret storage is not available, so the EcoFlow keys and passwords cannot be stored encrypted. ${this.#platform === 'linux' ? KEYRING_HELP : 'Sign in to your user account normally (not a guest or service session) and restart paku-ecoflow, or choose "Keep for this session only".'}`;
    }
    return null;
  }

  /** Stored secrets encrypted by a different backend than the current one, e.g. after switching desktops. */
  backendChange(): { from: string; to: string; names: SecretName[] } | null {
    const now = currentBackend(this.#safe, this.#platform);
    const stale = Object.entries(readStored(this.#file.store.values)).filter(([, s]) => s.backend !== now);
    if (!stale.length) return null;
    return { from: stale[0]![1].backend, to: now, names: stale.map(([n]) => n as SecretName) };
  }

  isAvailable(): SecretAvailability {
    const refusal = this.#refusal();
    const change = this.backendChange();
    const changeNote = change
      ? `Secrets were saved with the "${change.from}" secret storage, but this session uses "${change.to}", so ${change.names.join(', ')} cannot be read. Switch back to the previous keyring, or enter them again in Settings.`
      : null;
    if (this.#sessionOnly) {
      return { ok: true, sessionOnly: true, reason: refusal ? `Kept for this session only: ${refusal}` : 'Kept for this session only, as chosen.' };
    }
    if (refusal) return { ok: false, reason: changeNote ? `${refusal} ${changeNote}` : refusal };
    return { ok: true, reason: changeNote ?? (this.#unreadable.size ? `${[...this.#unreadable].join(', ')} could not be decrypted; enter them again in Settings.` : null) };
  }

  setSessionOnly(on: boolean): void {
    this.#sessionOnly = on;
  }

  get(name: SecretName): string | null {
    const cached = this.#plain.get(name);
    if (cached !== undefined) return cached;
    const stored = readStored(this.#file.store.values)[name];
    if (!stored || this.#unreadable.has(name)) return null;
    if (stored.backend !== currentBackend(this.#safe, this.#platform) || this.#refusal()) return null;
    try {
      const value = this.#safe.decryptString(Buffer.from(stored.v.slice(SCHEME.length), 'base64'));
      this.#redactor?.register(value);
      this.#plain.set(name, value);
      return value;
    } catch (e) {
      this.#unreadable.add(name);
      this.#log.warn('a stored secret could not be decrypted', { name, error: e instanceof Error ? e.name : 'error' });
      return null;
    }
  }

  set(name: SecretName, value: string): void {
    const v = value.trim();
    this.#redactor?.register(v);
    if (this.#sessionOnly) {
      this.#plain.set(name, v);
      return;
    }
    const refusal = this.#refusal();
    if (refusal) throw new CodedError('secret-storage-unavailable', refusal);
    const encrypted = `${SCHEME}${this.#safe.encryptString(v).toString('base64')}`;
    this.#write(name, { v: encrypted, backend: currentBackend(this.#safe, this.#platform) });
    this.#plain.set(name, v);
    this.#unreadable.delete(name);
  }

  delete(name: SecretName): void {
    this.#plain.delete(name);
    this.#unreadable.delete(name);
    this.#write(name, null);
  }

  #write(name: SecretName, value: StoredSecret | null): void {
    const values: Record<string, StoredSecret> = { ...readStored(this.#file.store.values) };
    if (value) values[name] = value;
    else delete values[name];
    this.#file.store = { version: 1, values };
  }
}
