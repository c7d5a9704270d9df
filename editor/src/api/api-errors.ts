import { ApiError } from './api-client';

/**
 * The error-envelope codes the editor reacts to. A subset of the server's catalogue, spelled as it sends them;
 * it becomes shared's ErrorCode once the catalogue lands in @dmflow/shared.
 */
export type EditorErrorCode = 'revision_conflict' | 'flow_invalid' | 'flow_not_published';

/** Whether `caught` is an API error, and when a code is given, one with that code. */
export function isApiError(caught: unknown, code?: EditorErrorCode): caught is ApiError {
  return caught instanceof ApiError && (code === undefined || caught.code === code);
}

/** The server's message for a failed call; `fallback` when the failure never reached the server's envelope. */
export function apiErrorMessage(caught: unknown, fallback: string): string {
  return caught instanceof ApiError ? caught.message : fallback;
}
