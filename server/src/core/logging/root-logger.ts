import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger, type LoggerOptions } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import type { AppConfig } from '../config/config';
import { CENSOR, REDACTED_PATHS, scrubSecrets } from './redaction';
import { assignRequestId } from './request-id.middleware';

export type RootLogger = Logger;

/** pino-pretty is a development dependency: absent from a production install, where logs stay JSON anyway. */
function prettyTransport(config: Pick<AppConfig, 'development'>): LoggerOptions['transport'] {
  if (!config.development || !process.stdout.isTTY) return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } };
}

/** The process's one pino logger: JSON lines on stdout (pretty on a development terminal), secrets redacted. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel' | 'development'>): RootLogger {
  return pino({
    level: config.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    hooks: {
      // Redaction works on keys; free text (an error message quoting a URL) is scrubbed here.
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
      },
    },
    transport: prettyTransport(config),
  });
}

type Request = IncomingMessage & { originalUrl?: string; requestId?: string };

function requestSummary(request: Request, response: ServerResponse, responseTime: number): Record<string, unknown> {
  return {
    method: request.method,
    path: (request.originalUrl ?? request.url ?? '').split('?')[0],
    status: response.statusCode,
    duration_ms: responseTime,
  };
}

/** One `request` line per response, carrying `request_id` and no headers (so no credentials to redact in the first place). */
export function httpLoggerOptions(logger: RootLogger): HttpLoggerOptions<Request, ServerResponse> {
  return {
    logger,
    genReqId: (request, response) => assignRequestId(request, response),
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (request, response, value: { duration_ms: number }) => requestSummary(request, response, value.duration_ms),
    customErrorObject: (request, response, error, value: { duration_ms: number }) => ({
      ...requestSummary(request, response, value.duration_ms),
      error: scrubSecrets(error.message),
    }),
  };
}
