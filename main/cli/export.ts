// `paku-ecoflow export --device SN [--from ISO] [--to ISO] --format csv|json`:
// one device's readings in time order to stdout, streamed (any range fits).
import { once } from 'node:events';
import { CodedError } from '../../common/errors';
import { CSV_HEADER, readingCsvLine } from '../core/app-service/csv';
import type { CliValues } from './index';
import { withStoredReadings } from './stored-readings';

function instant(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CodedError('bad-request', `${flag} must be an ISO date or time such as 2026-12-01 or 2026-12-01T08:00:00Z (got "${text}").`);
  return ms;
}

const CHUNK_CHARS = 64 * 1024;

/**
 * stdout in 64 KB chunks (one write per row costs more than the query), waiting
 * when its buffer is full so a huge export does not fill memory. A reader that
 * went away (`export ... | head`) ends the export quietly; other write errors
 * (a full disk) are thrown.
 */
class ChunkedOut {
  readonly #out: NodeJS.WritableStream;
  #pending = '';
  #failure: NodeJS.ErrnoException | null = null;

  constructor(out: NodeJS.WritableStream) {
    this.#out = out;
    // Write errors may also arrive as an event after write() returned; kept for the next write.
    out.on('error', (e: NodeJS.ErrnoException) => (this.#failure ??= e));
  }

  /** False once the reader has gone: stop producing. */
  async write(text: string): Promise<boolean> {
    this.#pending += text;
    return this.#pending.length < CHUNK_CHARS || this.flush();
  }

  async flush(): Promise<boolean> {
    const chunk = this.#pending;
    this.#pending = '';
    try {
      if (!this.#failure && chunk && !this.#out.write(chunk)) await once(this.#out, 'drain');
    } catch (e) {
      this.#failure ??= e as NodeJS.ErrnoException;
    }
    if (this.#failure && this.#failure.code !== 'EPIPE') throw this.#failure;
    return !this.#failure;
  }
}

export async function runExport(values: CliValues, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const sn = values.device?.trim();
  if (!sn) throw new CodedError('bad-request', 'Say which device: --device SERIAL (see "paku-ecoflow status").');
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new CodedError('bad-request', `--format must be csv or json (got "${format}").`);
  const from = instant(values.from, '--from', 0);
  const to = instant(values.to, '--to', Date.now());
  if (from > to) throw new CodedError('bad-request', '--from must be before --to.');
  // Both are the caller's to fix (a data folder or serial that does not exist): usage errors, exit 2.
  const missing = (path: string) => new CodedError('bad-request', `No store at ${path}: check --data-dir or PAKU_DATA_DIR.`);
  return withStoredReadings(values, missing, async (store, path) => {
    if (!store.devices().some((d) => d.sn === sn)) throw new CodedError('bad-request', `No device ${sn} in ${path}: "paku-ecoflow status${values.demo ? ' --demo' : ''}" lists the stored ones.`);
    // The JSON form is an array of readings; id is the local store's, not part of a reading.
    const w = new ChunkedOut(out);
    let more = await w.write(format === 'csv' ? CSV_HEADER + '\r\n' : '[');
    let n = 0;
    for (const { id: _id, ...r } of store.range(sn, from, to)) {
      if (!more) break;
      more = await w.write(format === 'csv' ? readingCsvLine(r) + '\r\n' : `${n ? ',' : ''}\n${JSON.stringify(r)}`);
      n++;
    }
    if (format === 'json') await w.write('\n]\n');
    await w.flush();
    return 0;
  });
}
