// The HTTP face's request checks, pure so they are easy to test: only our
// own loopback host names (no DNS rebinding), only our own origin (no other
// site, and no other local port, may drive the API), and the token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** A request without Origin (typed address, same-origin GET) passes; any other origin than ours is refused. */
export function originAllowed(headers: { origin?: string | undefined; 'sec-fetch-site'?: string | string[] | undefined }, port: number): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  return typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(given), digest(token));
}

/** The token from `Authorization: Bearer …`, or from `?token=` where the caller allows it (EventSource cannot set headers). */
export function tokenFrom(authorization: string | undefined, url: URL, allowQuery: boolean): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (m?.[1]) return m[1];
  return allowQuery ? url.searchParams.get('token') : null;
}

/** The policy the HTTP face sends with every response (same as the renderer's meta CSP). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the token on first load: never send it anywhere.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
