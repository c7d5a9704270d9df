import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorRequest } from '../../core/errors/error-dialects';
import { describeError } from '../../core/errors/error-envelope.filter';
import { currentRequestId, newRequestId } from '../../core/logging/request-context';
import { DomainError } from '../../core/errors/domain-error';
import { InstagramApiException } from './action-api.errors';

export const ACTION_API_PATH = '/api-webhook';

export interface ActionApiErrorBody {
  error: string;
  code: string;
  request_id: string;
  instagram_error?: unknown;
}

export interface ActionApiErrorResponse {
  status: number;
  body: ActionApiErrorBody;
  headers: Record<string, string>;
}

/** InstantDM's error body, `{"error": "<message>", "code", "request_id"}`; statuses and codes as everywhere else. */
export function describeActionApiError(exception: unknown, requestId: string): ActionApiErrorResponse {
  const { status, body } = describeError(exception, requestId);
  const headers = exception instanceof DomainError ? exception.headers : {};
  const instagramError =
    exception instanceof InstagramApiException
      ? { instagram_error: (exception.graphError.body as { error?: unknown } | null)?.error ?? null }
      : {};
  return { status, headers, body: { error: body.error.message, code: body.error.code, request_id: requestId, ...instagramError } };
}

export function sendActionApiError(exception: unknown, request: ErrorRequest, response: Response): void {
  const requestId = request?.requestId ?? currentRequestId() ?? newRequestId();
  const { status, body, headers } = describeActionApiError(exception, requestId);
  if (status >= 500 && !(exception instanceof InstagramApiException))
    new Logger('action-api').error(exception instanceof Error ? exception : String(exception));
  response.set(headers).status(status).json(body);
}

@Catch()
export class ActionApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendActionApiError(exception, http.getRequest(), http.getResponse());
  }
}
