// The headless CLI: `paku-ecoflow <command>`. Plain Node, no Electron.
// Each command lives in its own file; this one parses flags and reports
// errors in words, with exit codes 0 (ok), 1 (a check failed), 2 (usage/config).
import { parseArgs } from 'node:util';
import { isCodedError } from '../../common/errors';

const USAGE = `paku-ecoflow — EcoFlow power station collector for the paku stack

Usage:
  paku-ecoflow collect [--data-dir DIR] [--devices SN,SN] [--sample-seconds N] [--pg-url URL] [--secrets-file FILE]
  paku-ecoflow status [--json] [--demo]
  paku-ecoflow export --device SN [--from ISO] [--to ISO] --format csv|json [--demo]
  paku-ecoflow doctor
  paku-ecoflow demo [--data-dir DIR]
  paku-ecoflow serve [--port N] [--demo]

Environment: ECOFLOW_ACCESS_KEY, ECOFLOW_SECRET_KEY (required for collect/doctor),
ECOFLOW_API_URL (default https://api-e.ecoflow.com; Americas: https://api-a.ecoflow.com),
ECOFLOW_DEVICES, PAKU_DATA_DIR, PAKU_SAMPLE_SECONDS, PAKU_PG_URL, PAKU_PG_PASSWORD,
PAKU_PG_SSLMODE (disable|require|verify-full), PAKU_PG_CA_FILE, PAKU_REPUBLISH_URL,
PAKU_REPUBLISH_USERNAME, PAKU_REPUBLISH_PASSWORD.
NODE_EXTRA_CA_CERTS adds a private CA to Node's trust store.
status and export with --demo read what "paku-ecoflow demo" stored (kept until the next demo).`;

const OPTIONS = {
  'api-url': { type: 'string' },
  devices: { type: 'string' },
  'data-dir': { type: 'string' },
  'sample-seconds': { type: 'string' },
  'pg-url': { type: 'string' },
  'pg-sslmode': { type: 'string' },
  'pg-ca-file': { type: 'string' },
  'secrets-file': { type: 'string' },
  'republish-url': { type: 'string' },
  json: { type: 'boolean' },
  device: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  port: { type: 'string' },
  demo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

type Command = (values: CliValues) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  collect: async () => (await import('./collect')).runCollect,
  demo: async () => (await import('./collect')).runDemo,
  status: async () => (await import('./status')).runStatus,
  export: async () => (await import('./export')).runExport,
  doctor: async () => (await import('./doctor')).runDoctor,
  serve: async () => (await import('./serve')).runServeCommand,
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const name = parsed.positionals[0];
  if (!name || parsed.values.help) {
    process.stdout.write(USAGE + '\n');
    return name || parsed.values.help ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load())(parsed.values);
  } catch (e) {
    if (isCodedError(e)) {
      process.stderr.write(`paku-ecoflow: ${e.message}\n`);
      return e.code === 'bad-request' || e.code === 'not-configured' ? 2 : 1;
    }
    process.stderr.write(`paku-ecoflow: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
