// The server side of request signing (spec §2): the same algorithm as the
// client (signing.ts), with the real server's rules: a JSON Content-Type means
// "sign the body" (even on a GET, where the body is empty), otherwise the
// query is signed; stale timestamps and replayed nonces fail as 8521.
import { timingSafeEqual } from 'node:crypto';
import { hmacHex, signString, type SignValue } from '../ecoflow/signing';

export const API_ERRORS = {
  badAccessKey: { code: '8513', message: 'accessKey is invalid' },
  badSignature: { code: '8521', message: 'signature is wrong' },
  notAllowed: { code: '1006', message: 'current device is not allowed to get device info' },
  noPermission: { code: '1006', message: 'no permission to do it' },
} as const;

export type ApiError = { readonly code: string; readonly message: string };

export interface SignedRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there is none. */
  body: Record<string, SignValue> | undefined;
}

export interface VerifyOptions {
  accessKey: string;
  secretKey: string;
  nowMs: number;
  maxSkewMs: number;
  /** Every key is refused (keys belonging to the other region). */
  rejectAccessKey?: boolean;
  /** Nonce+timestamp pairs already used, with their expiry; pruned here. */
  seen?: Map<string, number>;
}

const header = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function isJsonContentType(h: SignedRequest['headers']): boolean {
  return /^application\/json/i.test(header(h, 'content-type') ?? '');
}

/** What the server signs: the body under a JSON Content-Type, otherwise the query parameters. */
export function signedParams(req: SignedRequest): Record<string, SignValue> | undefined {
  if (isJsonContentType(req.headers)) return req.body;
  const q: Record<string, SignValue> = {};
  for (const [k, v] of req.query) q[k] = v;
  return Object.keys(q).length ? q : undefined;
}

/** null when the request is properly signed, else the API error to answer. */
export function verifySignedRequest(req: SignedRequest, o: VerifyOptions): ApiError | null {
  const accessKey = header(req.headers, 'accesskey');
  if (o.rejectAccessKey || accessKey !== o.accessKey) return API_ERRORS.badAccessKey;
  const nonce = header(req.headers, 'nonce') ?? '';
  const timestamp = header(req.headers, 'timestamp') ?? '';
  const sign = header(req.headers, 'sign') ?? '';
  if (!/^\d{1,16}$/.test(timestamp) || !nonce || !/^[0-9a-f]{64}$/i.test(sign)) return API_ERRORS.badSignature;
  if (Math.abs(Number(timestamp) - o.nowMs) > o.maxSkewMs) return API_ERRORS.badSignature;
  const expected = hmacHex(o.secretKey, signString(signedParams(req), accessKey, nonce, timestamp));
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(sign.toLowerCase(), 'hex'))) return API_ERRORS.badSignature;
  if (o.seen) {
    for (const [k, until] of o.seen) if (until < o.nowMs) o.seen.delete(k);
    const key = `${nonce}|${timestamp}`;
    if (o.seen.has(key)) return API_ERRORS.badSignature;
    o.seen.set(key, Number(timestamp) + o.maxSkewMs);
  }
  return null;
}
