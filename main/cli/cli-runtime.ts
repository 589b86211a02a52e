// The core for a headless command: a logger on stderr that never prints a
// secret, the secrets from the environment or the 0600 file, settings from the
// command line (collect) or from the data folder's settings.json (serve), and
// the shared runtime over them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSecretsFile, type CliConfig } from './config';
import { REGION_URLS, SettingsSchema, type Settings } from '../../common/settings';
import { systemClock } from '../core/clock';
import { createLogger, Redactor, type LogLevel, type Logger } from '../core/logger';
import { createRuntime, type Runtime } from '../core/runtime';
import { headlessSecretBox } from '../core/settings/secret-box';
import { memorySettingsStore, openConfSettingsStore } from '../core/settings/settings-store';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    const v = (pkg as { version?: unknown }).version;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function cliLogger(redactor: Redactor, env: NodeJS.ProcessEnv = process.env): Logger {
  const wanted = env.PAKU_LOG_LEVEL as LogLevel | undefined;
  return createLogger({ redactor, level: wanted && LEVELS.includes(wanted) ? wanted : 'info' });
}

/** The command line's configuration as app settings (region from the API URL). */
export function settingsFromConfig(c: CliConfig): Settings {
  const region = c.apiUrl === REGION_URLS.eu ? 'eu' : c.apiUrl === REGION_URLS.us ? 'us' : 'custom';
  return SettingsSchema.parse({
    ecoflow: { region, customUrl: region === 'custom' ? c.apiUrl : null, devices: c.devices ?? [] },
    sampleSeconds: c.sampleSeconds,
    postgres: { url: c.pgUrl, sslmode: c.pgSslMode ?? 'disable', caFile: c.pgCaFile },
    republish: { enabled: c.republishUrl !== null, url: c.republishUrl, username: c.republishUsername },
  });
}

export interface CliRuntime extends Runtime {
  logger: Logger;
}

export async function startCliRuntime(
  c: CliConfig,
  opts: { demo: boolean; settingsFrom: 'config' | 'data-dir'; secretsFile?: string | undefined; env?: NodeJS.ProcessEnv },
): Promise<CliRuntime> {
  const env = opts.env ?? process.env;
  const redactor = new Redactor();
  const logger = cliLogger(redactor, env);
  const secrets = headlessSecretBox({ env, ...(opts.secretsFile ? { file: readSecretsFile(opts.secretsFile) } : {}), redactor });
  const settings =
    opts.settingsFrom === 'config' ? memorySettingsStore(settingsFromConfig(c), logger) : openConfSettingsStore({ cwd: c.dataDir, logger: logger.child('settings') });
  const runtime = await createRuntime({
    face: 'http',
    app: { name: 'paku-ecoflow', version: packageVersion() },
    dataDir: c.dataDir,
    settings,
    secrets,
    redactor,
    logger,
    clock: systemClock,
    demo: opts.demo,
    ...(c.demoHistoryDays !== null ? { demoHistoryDays: c.demoHistoryDays } : {}),
    diagnostics: { paths: { data: c.dataDir } },
  });
  return Object.assign(runtime, { logger });
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
}
