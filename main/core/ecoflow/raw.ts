// The raw quota key map of one device as the cloud sends it: flat dotted keys
// with JSON values. Always a null-prototype object, so keys from the wire can
// never reach Object.prototype.

export type RawValue = string | number | boolean | null | readonly RawValue[] | { readonly [k: string]: RawValue };
export type RawMap = Record<string, RawValue>;

export function emptyRawMap(): RawMap {
  return Object.create(null) as RawMap;
}

/** Keys that would be dangerous if the map were ever spread into a plain object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** "Not available" values the devices send instead of a reading (spec §5). */
const SENTINELS: ReadonlySet<number> = new Set([65535, 4294967295]);

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;

/** The numeric value of a key (strings and booleans too: REST sends "100"), or null. */
export function rawNumber(raw: RawMap, key: string): number | null {
  const v = raw[key];
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && NUMERIC_TEXT.test(v)) n = Number(v);
  else if (typeof v === 'boolean') return v ? 1 : 0;
  else return null;
  return Number.isFinite(n) && !SENTINELS.has(n) ? n : null;
}

/** First key present with a number, scaled; null when none. */
export function firstNumber(raw: RawMap, keys: readonly string[], scale = 1): number | null {
  for (const k of keys) {
    const n = rawNumber(raw, k);
    if (n !== null) return n * scale;
  }
  return null;
}
