// `paku-ecoflow export --device SN [--from ISO] [--to ISO] --format csv|json`:
// one device's readings in time order to stdout, streamed (any range fits).
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { CodedError } from '../../common/errors';
import { CSV_HEADER, readingCsvLine } from '../core/app-service/csv';
import { systemClock } from '../core/clock';
import { silentLogger } from '../core/logger';
import { ReadingStore } from '../core/store/store';
import { loadCliConfig } from './config';
import type { CliValues } from './index';

function instant(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CodedError('bad-request', `${flag} must be an ISO date or time such as 2026-12-01 or 2026-12-01T08:00:00Z (got "${text}").`);
  return ms;
}

/** Writes a line, waiting when stdout's buffer is full so a huge export does not fill memory. */
async function write(out: NodeJS.WritableStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

export async function runExport(values: CliValues, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const sn = values.device?.trim();
  if (!sn) throw new CodedError('bad-request', 'Say which device: --device SERIAL (see "paku-ecoflow status").');
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CodedError('bad-request', `--format must be csv or json (got "${format}").`);
  const from = instant(values.from, '--from', 0);
  const to = instant(values.to, '--to', Date.now());
  if (from > to) throw new CodedError('bad-request', '--from must be before --to.');
  const config = loadCliConfig(values);
  if (!existsSync(config.storePath)) throw new CodedError('not-found', `No store at ${config.storePath}: check --data-dir or PAKU_DATA_DIR.`);
  const store = ReadingStore.open({ path: config.storePath, clock: systemClock, logger: silentLogger });
  try {
    if (!store.devices().some((d) => d.sn === sn)) throw new CodedError('not-found', `No device ${sn} in ${config.storePath}: "paku-ecoflow status" lists the stored ones.`);
    // The JSON form is an array of readings; id is the local store's, not part of a reading.
    await write(out, format === 'csv' ? CSV_HEADER + '\r\n' : '[');
    let n = 0;
    for (const { id: _id, ...r } of store.range(sn, from, to)) {
      await write(out, format === 'csv' ? readingCsvLine(r) + '\r\n' : `${n ? ',' : ''}\n${JSON.stringify(r)}`);
      n++;
    }
    if (format === 'json') await write(out, '\n]\n');
    return 0;
  } finally {
    store.close();
  }
}
