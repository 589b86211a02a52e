// Stable error codes shared by core, CLI, HTTP face, IPC and renderer.
// Messages travel with the code; the code is for tests and for choosing an icon.

export const ERROR_CODES = [
  'bad-request',
  'not-found',
  'not-configured',
  'ecoflow-bad-key', // 8513 on both hosts
  'ecoflow-wrong-region', // 8513 on one host, accepted by the other
  'ecoflow-bad-signature', // 8521
  'clock-skew',
  'ecoflow-model-not-allowed', // 1006
  'ecoflow-error', // any other API code
  'network', // DNS, refused, timeout
  'tls', // certificate problems
  'mqtt-auth', // CONNACK refused credentials
  'pg-auth',
  'pg-unreachable',
  'pg-schema',
  'pg-tls',
  'pg-error',
  'secret-storage-unavailable',
  'command-failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A thrown error carrying a stable code and a message a person can act on. */
export class CodedError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'CodedError';
  }
}

/** Brand check that also works across module copies (no instanceof). */
export function isCodedError(e: unknown): e is CodedError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'CodedError' && typeof (e as { code?: unknown }).code === 'string';
}
