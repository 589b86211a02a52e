// Reading ↔ row conversion. Rows read back from disk are untrusted: a row with
// a wrong type anywhere is skipped and counted, never returned half-valid.
import { READING_FIELD_NAMES, type Reading } from '../../../common/reading';
import type { StoredReading } from './types';
import { READING_COLUMNS } from './columns';

/** Column list for SELECTs whose rows decodeRow() reads (raw arrays, in this order). */
export const READING_SELECT = `id, sn, ts, ${READING_COLUMNS.join(', ')}`;

export const INSERT_READING_SQL = `INSERT INTO readings (sn, ts, ${READING_COLUMNS.join(', ')})
  VALUES (${['?', '?', ...READING_COLUMNS.map(() => '?')].join(', ')})`;

export const MAX_SN_LENGTH = 64;

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The reading as it will be stored: integer ms, anything but a finite number is null (unknown). Returns r itself when already clean. */
export function sanitizeReading(r: Reading): Reading {
  let clean = Number.isInteger(r.ts);
  for (let i = 0; clean && i < READING_FIELD_NAMES.length; i++) {
    const v = r[READING_FIELD_NAMES[i]!];
    clean = v === null || (typeof v === 'number' && Number.isFinite(v));
  }
  if (clean) return r;
  const out = { ...r, ts: Math.round(r.ts) };
  for (const f of READING_FIELD_NAMES) out[f] = finiteOrNull(r[f]);
  return out;
}

/** Parameters for INSERT_READING_SQL, from a sanitized reading. */
export function insertParams(r: Reading): (string | number | null)[] {
  const out: (string | number | null)[] = new Array(READING_FIELD_NAMES.length + 2);
  out[0] = r.sn;
  out[1] = r.ts;
  for (let i = 0; i < READING_FIELD_NAMES.length; i++) out[i + 2] = r[READING_FIELD_NAMES[i]!];
  return out;
}

/** Why a reading cannot be stored at all, or null when it can. */
export function rejectReason(r: Reading): string | null {
  if (typeof r.sn !== 'string' || r.sn.length === 0 || r.sn.length > MAX_SN_LENGTH) return 'bad device serial';
  if (typeof r.ts !== 'number' || !Number.isFinite(r.ts) || r.ts < 0) return 'bad timestamp';
  return null;
}

/** A raw row (READING_SELECT order) → StoredReading, or null when any value has the wrong type. */
export function decodeRow(row: unknown[]): StoredReading | null {
  const [id, sn, ts] = row;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null;
  if (typeof sn !== 'string' || sn.length === 0 || sn.length > MAX_SN_LENGTH) return null;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0) return null;
  const out = { id, sn, ts } as StoredReading;
  for (let i = 0; i < READING_FIELD_NAMES.length; i++) {
    const v = row[i + 3];
    if (v === null) {
      out[READING_FIELD_NAMES[i]!] = null;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      out[READING_FIELD_NAMES[i]!] = v;
    } else {
      return null;
    }
  }
  return out;
}
