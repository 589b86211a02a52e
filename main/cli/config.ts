// Headless configuration: flags first, then environment, then defaults.
// Secrets come only from the environment or a 0600 secrets file, never from
// flags (they would show in `ps`).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../common/errors';
import { SslModeSchema, type SslMode } from '../../common/settings';
import { defaultDataDir, DEMO_STORE_FILE_NAME, STORE_FILE_NAME } from '../core/data-dir';

export interface CliConfig {
  accessKey: string | null;
  secretKey: string | null;
  apiUrl: string;
  devices: string[] | null;
  dataDir: string;
  storePath: string;
  /** The store `paku-ecoflow demo` fills (fresh each start). */
  demoStorePath: string;
  sampleSeconds: number;
  pgUrl: string | null;
  pgPassword: string | null;
  pgSslMode: SslMode | null;
  pgCaFile: string | null;
  republishUrl: string | null;
  republishUsername: string | null;
  /** Days of simulated history `demo` and `serve --demo` start with; null: the demo's default. */
  demoHistoryDays: number | null;
}

export type CliFlags = Partial<Record<'api-url' | 'devices' | 'data-dir' | 'sample-seconds' | 'pg-url' | 'pg-sslmode' | 'pg-ca-file' | 'secrets-file' | 'republish-url', string>>;

export const DEFAULT_API_URL = 'https://api-e.ecoflow.com';

/** Reads KEY=VALUE lines (shell style: `export ` and quotes allowed) from a file that only its owner may read. */
export function readSecretsFile(path: string): Record<string, string> {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new CodedError('bad-request', `Secrets file ${path} does not exist.`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CodedError('bad-request', `Secrets file ${path} is readable by others: run "chmod 600 ${path}".`);
  }
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2].replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  }
  return out;
}

function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 3600) throw new CodedError('bad-request', `${what} must be a whole number of seconds between 1 and 3600 (got "${text}").`);
  return n;
}

const isSslMode = (text: string): text is SslMode => SslModeSchema.safeParse(text).success;

function demoDays(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 366) throw new CodedError('bad-request', `PAKU_DEMO_HISTORY_DAYS must be a whole number of days from 0 to 366 (got "${text}").`);
  return n;
}

function sslMode(text: string | undefined): SslMode | null {
  if (!text) return null;
  if (isSslMode(text)) return text;
  throw new CodedError('bad-request', `PAKU_PG_SSLMODE must be disable, require or verify-full (got "${text}").`);
}

/** The URL's own ?sslmode= (the settings' sslmode, always set, would otherwise override it). */
function urlSslMode(url: string | undefined): SslMode | null {
  let mode: string | null = null;
  try {
    mode = url ? new URL(url).searchParams.get('sslmode') : null;
  } catch {
    return null; // a malformed URL is reported in words by the sync worker
  }
  if (mode === null || isSslMode(mode)) return mode;
  throw new CodedError('bad-request', `sslmode=${mode} in PAKU_PG_URL is not supported: use disable, require or verify-full.`);
}

export function loadCliConfig(flags: CliFlags, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const file = flags['secrets-file'] ? readSecretsFile(flags['secrets-file']) : {};
  const pick = (flag: keyof CliFlags | null, name: string): string | undefined => {
    const v = (flag ? flags[flag] : undefined) ?? env[name] ?? file[name];
    return v?.trim() ? v.trim() : undefined;
  };
  const apiUrl = (pick('api-url', 'ECOFLOW_API_URL') ?? DEFAULT_API_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(apiUrl)) {
    throw new CodedError('bad-request', `ECOFLOW_API_URL must be a base URL such as https://api-e.ecoflow.com (got "${apiUrl}").`);
  }
  const devices = pick('devices', 'ECOFLOW_DEVICES')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const dataDir = pick('data-dir', 'PAKU_DATA_DIR') ?? defaultDataDir(env);
  const sample = pick('sample-seconds', 'PAKU_SAMPLE_SECONDS');
  const pgUrl = pick('pg-url', 'PAKU_PG_URL');
  return {
    accessKey: pick(null, 'ECOFLOW_ACCESS_KEY') ?? null,
    secretKey: pick(null, 'ECOFLOW_SECRET_KEY') ?? null,
    apiUrl,
    devices: devices?.length ? devices : null,
    dataDir,
    storePath: join(dataDir, STORE_FILE_NAME),
    demoStorePath: join(dataDir, DEMO_STORE_FILE_NAME),
    sampleSeconds: sample ? positiveInt(sample, 'PAKU_SAMPLE_SECONDS') : 10,
    pgUrl: pgUrl ?? null,
    pgPassword: pick(null, 'PAKU_PG_PASSWORD') ?? null,
    pgSslMode: sslMode(pick('pg-sslmode', 'PAKU_PG_SSLMODE')) ?? urlSslMode(pgUrl),
    pgCaFile: pick('pg-ca-file', 'PAKU_PG_CA_FILE') ?? null,
    republishUrl: pick('republish-url', 'PAKU_REPUBLISH_URL') ?? null,
    republishUsername: pick(null, 'PAKU_REPUBLISH_USERNAME') ?? null,
    demoHistoryDays: demoDays(pick(null, 'PAKU_DEMO_HISTORY_DAYS')),
  };
}

/** The keys, or an error saying exactly what to set. */
export function requireKeys(c: CliConfig): { accessKey: string; secretKey: string } {
  const missing = [!c.accessKey && 'ECOFLOW_ACCESS_KEY', !c.secretKey && 'ECOFLOW_SECRET_KEY'].filter(Boolean);
  if (missing.length) {
    throw new CodedError(
      'not-configured',
      `Set ${missing.join(' and ')} (from the EcoFlow developer portal: developer-eu.ecoflow.com for Europe, developer.ecoflow.com for the Americas), or run "paku-ecoflow demo" to try the simulator.`,
    );
  }
  return { accessKey: c.accessKey!, secretKey: c.secretKey! };
}
