// Readings as CSV: a header row, ISO time, serial, then every reading field in
// table order. Fields come from READING_FIELD_NAMES, so new fields appear here
// without a change.
import { READING_FIELD_NAMES, type Reading } from '../../../common/reading';

export const CSV_HEADER = ['time', 'sn', ...READING_FIELD_NAMES].join(',');

const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function readingCsvLine(r: Reading): string {
  return [new Date(r.ts).toISOString(), cell(r.sn), ...READING_FIELD_NAMES.map((f) => (r[f] === null ? '' : String(r[f])))].join(',');
}

/** The whole CSV text with CRLF line ends (what spreadsheets expect). */
export function readingsToCsv(readings: Iterable<Reading>): { csv: string; rows: number } {
  const lines = [CSV_HEADER];
  for (const r of readings) lines.push(readingCsvLine(r));
  return { csv: lines.join('\r\n') + '\r\n', rows: lines.length - 1 };
}
