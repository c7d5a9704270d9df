import type { ErrorCode } from '@dmflow/shared';
import { ApiError } from './api-client';

/** Whether `caught` is an API error, and when a code is given, one with that code (from the server's catalogue). */
export function isApiError(caught: unknown, code?: ErrorCode): caught is ApiError {
  return caught instanceof ApiError && (code === undefined || caught.code === code);
}

/** The server's message for a failed call; `fallback` when the failure never reached the server's envelope. */
export function apiErrorMessage(caught: unknown, fallback: string): string {
  return caught instanceof ApiError ? caught.message : fallback;
}
