// Errors are values at every boundary: a call returns one of these, never throws across it.
import type { ErrorCode } from './errors';

export interface AppError {
  code: ErrorCode;
  /** Text a person can act on ("EcoFlow rejected the access key: check it in Settings"). */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
