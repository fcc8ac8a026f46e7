import type { Result } from '../../../shared/result';

/** Wraps anything thrown inside a host adapter as the `internal` error the UI knows how to show. */
export function internalError<T>(cause: unknown): Result<T> {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { ok: false, error: { code: 'internal', message: detail, params: { detail } } };
}
