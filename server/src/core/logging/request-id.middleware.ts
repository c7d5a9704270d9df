import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId, runWithRequestId } from './request-context';

const INCOMING_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

type RequestWithId = IncomingMessage & { requestId?: string };

/**
 * The request's id: a sane incoming X-Request-Id, or a new one; echoed in the response. Idempotent, because both
 * this middleware and pino-http's genReqId ask for it and either may run first.
 */
export function assignRequestId(request: RequestWithId, response: ServerResponse): string {
  if (request.requestId) return request.requestId;
  const incoming = request.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : newRequestId();
  request.requestId = requestId;
  if (!response.headersSent) response.setHeader('X-Request-Id', requestId);
  return requestId;
}

/** Gives every request an id and serves it inside that id's context (the error envelope reads it). pino-http logs the outcome. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(request: RequestWithId, response: ServerResponse, next: () => void): void {
    runWithRequestId(assignRequestId(request, response), next);
  }
}
