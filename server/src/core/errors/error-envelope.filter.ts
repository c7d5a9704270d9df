import { ERROR_CODES, ErrorCode } from '@dmflow/shared';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { currentRequestId, newRequestId } from '../logging/request-context';
import { DomainError, FieldProblem } from './domain-error';
import { ErrorDialects, ErrorRequest } from './error-dialects';

export const DOCS_BASE_URL = 'https://github.com/dmflow/dmflow/blob/main/docs/rest-api.md#errors';

export interface ErrorEnvelope {
  error: { code: string; message: string; doc_url: string; request_id: string; details?: FieldProblem[] };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
};

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromBodyParser(error: unknown): { code: ErrorCode; message: string } | null {
  const type = (error as BodyParserError)?.type;
  if (type === 'entity.parse.failed') return { code: 'invalid_json', message: 'The request body is not valid JSON.' };
  if (type === 'entity.too.large') return { code: 'payload_too_large', message: 'The request body is larger than the server accepts.' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { code: 'unsupported_media_type', message: 'The request body encoding is not supported.' };
  }
  return null;
}

/** Maps every failure to `{"error": {code, message, doc_url, request_id}}`, unless its route registered another dialect. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  constructor(private readonly dialects: ErrorDialects) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<ErrorRequest>();
    // Body-parser failures happen before routing, so a route's own filter never sees them.
    const dialect = this.dialects.forPath(request?.path);
    if (dialect) return dialect(exception, request, response);
    const requestId = request?.requestId ?? currentRequestId() ?? newRequestId();
    const { status, body } = describeError(exception, requestId);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    response.status(status).json(body);
  }
}

/** The status and /v1 envelope of any failure; other dialects reshape this body. */
export function describeError(exception: unknown, requestId: string): { status: number; body: ErrorEnvelope } {
  const envelope = (code: string, message: string, details?: FieldProblem[]): ErrorEnvelope => ({
    error: { code, message, doc_url: `${DOCS_BASE_URL}`, request_id: requestId, ...(details ? { details } : {}) },
  });
  if (exception instanceof DomainError) {
    return { status: exception.status, body: envelope(exception.code, exception.message, exception.details) };
  }
  const parserError = fromBodyParser(exception) ?? fromBodyParser((exception as { cause?: unknown })?.cause);
  if (parserError) return { status: ERROR_CODES[parserError.code].status, body: envelope(parserError.code, parserError.message) };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    const text = raw ?? exception.message;
    const messages = Array.isArray(raw) ? raw.map(String) : [typeof text === 'string' ? text : JSON.stringify(text)];
    const details = Array.isArray(raw) ? messages.map((message) => ({ field: message.split(' ')[0], message })) : undefined;
    const code = status === 400 && details ? 'validation_failed' : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'error'));
    return { status, body: envelope(code, messages.join('; '), details) };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: envelope('internal_error', 'Something went wrong on our side.') };
}
