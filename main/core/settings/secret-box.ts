// Secrets (EcoFlow keys, Postgres and broker passwords) never live in the
// settings file. They go through a SecretBox: the Electron face encrypts them
// with safeStorage (main/settings/safe-storage-box.ts); tests and the headless
// CLI keep them in memory, seeded from the environment or a 0600 file.
// Every value a box holds is registered with the log redactor.
import { CodedError } from '../../../common/errors';
import { SECRET_NAMES, type SecretName, type SecretStorage } from '../../../common/settings';
import type { Redactor } from '../logger';

export interface SecretAvailability {
  ok: boolean;
  /** Why secrets cannot be kept, and what to do; null when they can. */
  reason: string | null;
  /** Kept in memory only, until the app quits. */
  sessionOnly?: boolean;
}

export interface SecretBox {
  get(name: SecretName): string | null;
  /** Throws CodedError('secret-storage-unavailable') when the secret cannot be kept. */
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  isAvailable(): SecretAvailability;
  /** Opt in (or out) to keeping secrets for this session only when they cannot be stored encrypted. */
  setSessionOnly?(on: boolean): void;
}

export type SecretValues = Record<SecretName, string | null>;

/** Every secret's current value (null when unset). */
export function readSecrets(box: SecretBox): SecretValues {
  return Object.fromEntries(SECRET_NAMES.map((n) => [n, box.get(n)])) as SecretValues;
}

/** The window's view of secret storage. */
export function secretStorageView(box: SecretBox): SecretStorage {
  const a = box.isAvailable();
  return { available: a.ok, reason: a.reason, sessionOnly: a.sessionOnly ?? false };
}

/** Secrets held in this process only: for tests and for the headless CLI's session. */
export class MemorySecretBox implements SecretBox {
  readonly #values = new Map<SecretName, string>();
  readonly #redactor: Redactor | undefined;
  readonly #availability: SecretAvailability;

  constructor(opts: { initial?: Partial<Record<SecretName, string | null | undefined>>; redactor?: Redactor; availability?: SecretAvailability } = {}) {
    this.#redactor = opts.redactor;
    this.#availability = opts.availability ?? { ok: true, reason: null, sessionOnly: true };
    for (const [name, value] of Object.entries(opts.initial ?? {}) as [SecretName, string | null | undefined][]) {
      if (value?.trim()) this.#put(name, value.trim());
    }
  }

  get(name: SecretName): string | null {
    return this.#values.get(name) ?? null;
  }

  set(name: SecretName, value: string): void {
    this.#redactor?.register(value);
    if (!this.#availability.ok) throw new CodedError('secret-storage-unavailable', this.#availability.reason ?? 'Secrets cannot be stored here.');
    this.#put(name, value.trim());
  }

  delete(name: SecretName): void {
    this.#values.delete(name);
  }

  isAvailable(): SecretAvailability {
    return this.#availability;
  }

  #put(name: SecretName, value: string): void {
    this.#redactor?.register(value);
    this.#values.set(name, value);
  }
}

/**
 * A box whose unset secrets read as the given defaults (the demo's own keys);
 * writes and deletes go to the underlying box, the defaults are never stored.
 */
export function secretsWithDefaults(box: SecretBox, defaults: Partial<Record<SecretName, string>>): SecretBox {
  return {
    get: (name) => box.get(name) ?? defaults[name] ?? null,
    set: (name, value) => box.set(name, value),
    delete: (name) => box.delete(name),
    isAvailable: () => box.isAvailable(),
    ...(box.setSessionOnly ? { setSessionOnly: (on: boolean) => box.setSessionOnly?.(on) } : {}),
  };
}

/** Environment variable (and secrets-file key) for each secret, as the CLI documents them. */
export const SECRET_ENV_NAMES: Record<SecretName, string> = {
  ecoflowAccessKey: 'ECOFLOW_ACCESS_KEY',
  ecoflowSecretKey: 'ECOFLOW_SECRET_KEY',
  postgresPassword: 'PAKU_PG_PASSWORD',
  republishPassword: 'PAKU_REPUBLISH_PASSWORD',
};

/**
 * The headless CLI's box: seeded from the environment, then from a secrets
 * file's KEY=VALUE pairs (already read and permission-checked by the CLI).
 * Changes made from a window last for this session only, never written to disk.
 */
export function headlessSecretBox(opts: { env: Record<string, string | undefined>; file?: Record<string, string>; redactor?: Redactor }): MemorySecretBox {
  const initial = Object.fromEntries(
    SECRET_NAMES.map((n) => {
      const key = SECRET_ENV_NAMES[n];
      return [n, opts.env[key]?.trim() || opts.file?.[key]?.trim() || null];
    }),
  );
  return new MemorySecretBox({
    initial,
    ...(opts.redactor ? { redactor: opts.redactor } : {}),
    availability: {
      ok: true,
      reason: 'The headless server keeps secrets changed here for this session only: put them in the environment or a 0600 secrets file to keep them.',
      sessionOnly: true,
    },
  });
}
