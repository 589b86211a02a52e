// EcoFlow Open API request signing (spec: shared/design/ecoflow-open-api.md §2).
// Flatten params, sort keys by plain code-unit order (never localeCompare),
// append accessKey/nonce/timestamp in that fixed order, HMAC-SHA256 hex.
import { createHmac, randomInt } from 'node:crypto';

export type SignValue = string | number | boolean | null | SignValue[] | { [k: string]: SignValue };

/** Flattens nested params into [key, value] pairs: a.b=1, ids[0]=1, list[0].id=1. */
export function flattenParams(value: SignValue, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return []; // never signed, never sent (spec §2.3)
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => flattenParams(v, `${prefix}[${i}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => flattenParams(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(value)]];
}

/** The exact string that is HMAC'd. */
export function signString(params: Record<string, SignValue> | undefined, accessKey: string, nonce: string, timestamp: string): string {
  const pairs = params ? flattenParams(params) : [];
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const parts = pairs.map(([k, v]) => `${k}=${v}`);
  parts.push(`accessKey=${accessKey}`, `nonce=${nonce}`, `timestamp=${timestamp}`);
  return parts.join('&');
}

export function hmacHex(secretKey: string, message: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(message, 'utf8').digest('hex');
}

export interface SignedHeaders {
  accessKey: string;
  nonce: string;
  timestamp: string;
  sign: string;
}

/** Signs one request with a fresh nonce and timestamp (reuse causes 8521). */
export function signRequest(
  params: Record<string, SignValue> | undefined,
  keys: { accessKey: string; secretKey: string },
  nowMs: number,
  nonce: string = String(randomInt(100000, 1000000)),
): SignedHeaders {
  const timestamp = String(nowMs);
  const sign = hmacHex(keys.secretKey, signString(params, keys.accessKey, nonce, timestamp));
  return { accessKey: keys.accessKey, nonce, timestamp, sign };
}
