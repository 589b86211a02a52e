// `paku-ecoflow doctor`: the connection checks, one line each on stdout
// ("ok   clock: …" / "FAIL keys: … Fix: …"); exit 0 when all pass, 1 when any
// fails. Logs go to stderr with every secret masked.
import type { ConnectionCheck } from '../../common/schemas';
import { checkEcoflow, type CheckWording } from '../core/checks/ecoflow-checks';
import { checkPostgres } from '../core/checks/postgres-checks';
import { systemClock } from '../core/clock';
import { createLogger, Redactor, type LogSink } from '../core/logger';
import { loadCliConfig } from './config';
import type { CliValues } from './index';

const CLI_WORDING: CheckWording = {
  accessKey: 'ECOFLOW_ACCESS_KEY',
  secretKey: 'ECOFLOW_SECRET_KEY',
  switchRegion: (label, url) => `Set ECOFLOW_API_URL=${url} (${label}) and run doctor again.`,
  devices: 'ECOFLOW_DEVICES',
};

export interface DoctorIo {
  out(line: string): void;
  log: LogSink;
}

const processIo: DoctorIo = {
  out: (line) => process.stdout.write(line + '\n'),
  log: (line) => process.stderr.write(line + '\n'),
};

export function formatCheck(c: ConnectionCheck, prefix = ''): string {
  return `${c.ok ? 'ok  ' : 'FAIL'} ${prefix}${c.name}: ${c.message}${c.fix ? ` Fix: ${c.fix}` : ''}`;
}

export async function runDoctor(values: CliValues, io: DoctorIo = processIo): Promise<number> {
  const config = loadCliConfig(values);
  const redactor = new Redactor();
  for (const s of [config.accessKey, config.secretKey, config.pgPassword]) redactor.register(s);
  const logger = createLogger({ sink: io.log, redactor, scope: 'doctor' });
  const print = (c: ConnectionCheck, prefix?: string): void => io.out(redactor.redact(formatCheck(c, prefix)));

  const ecoflow = await checkEcoflow({
    baseUrl: config.apiUrl,
    keys: { accessKey: config.accessKey, secretKey: config.secretKey },
    ...(config.devices && { devices: config.devices }),
    clock: systemClock,
    logger,
    wording: CLI_WORDING,
  });
  for (const c of ecoflow.checks) print(c);
  let ok = ecoflow.ok;
  if (config.pgUrl) {
    const pg = await checkPostgres({ url: config.pgUrl, password: config.pgPassword, sslmode: config.pgSslMode, caFile: config.pgCaFile }, logger);
    for (const c of pg.checks) print(c, c.name === 'postgres' ? '' : 'postgres ');
    ok &&= pg.ok;
  }
  return ok ? 0 : 1;
}
