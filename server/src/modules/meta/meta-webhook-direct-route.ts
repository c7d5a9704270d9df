import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { DomainError } from '../../core/errors/domain-error';
import { describeError } from '../../core/errors/error-envelope.filter';
import { HttpErrors } from '../../core/http/http.errors';
import { jsonNestingExceeds } from '../../core/http/json-depth';
import { securityHeaders } from '../../core/http/security-headers';
import { assignRequestId } from '../../core/logging/request-id.middleware';
import { runWithRequestId } from '../../core/logging/request-context';
import { Metrics } from '../../core/metrics/metrics';
import type { RootLogger } from '../../core/logging/root-logger';
import { MetaWebhookService } from './meta-webhook.service';

const PATHS = new Set(['/meta/webhook', '/meta/webhook/']);
const JSON_TYPE = /^application\/(.+\+)?json\b/i;
/** A charset other than UTF-8: body-parser decodes (or refuses) those, so such deliveries go through Express. */
const OTHER_CHARSET = /;\s*charset\s*=\s*"?(?!utf-?8\b)/i;

export interface DirectRouteOptions {
  logger: RootLogger;
  bodyLimitBytes: number;
  jsonMaxDepth: number;
}

/** What body-parser would have raised; describeError maps these by `type`, as for every other route. */
class BodyError extends Error {
  constructor(readonly type: 'entity.parse.failed' | 'entity.too.large') {
    super(type);
  }
}

/** helmet's headers, computed once: its configuration is static, so every response gets the same set. */
function staticSecurityHeaders(): Array<[string, string]> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
  };
  securityHeaders()({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return [...headers];
}

/**
 * Whether this request takes the direct route: a POST of Meta's deliveries as Meta sends them (JSON, identity
 * encoding, UTF-8). Anything unusual (gzip, another charset, another method) goes through Express as before, with
 * the same outcome as ever; the direct route only skips the per-request framework work on the hot path.
 */
function isPlainDelivery(request: IncomingMessage): boolean {
  if (request.method !== 'POST') return false;
  const url = request.url ?? '';
  const query = url.indexOf('?');
  if (!PATHS.has(query < 0 ? url : url.slice(0, query))) return false;
  const encoding = request.headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') return false;
  const type = request.headers['content-type'];
  return !type || !OTHER_CHARSET.test(type);
}

/** The body, as body-parser's json parser with Nest's rawBody would give it; undefined for a non-JSON type. */
function readBody(request: IncomingMessage, limit: number): Promise<{ raw: Buffer; parsed: unknown } | undefined> {
  const type = request.headers['content-type'];
  // Like body-parser, bodies of other types (or none) are not read: the service refuses them (415 / signature).
  if (!type || !JSON_TYPE.test(type)) return Promise.resolve(undefined);
  const declared = Number(request.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyError('entity.too.large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyError('entity.too.large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    // A client that goes away mid-body: nothing is stored, and the promise does not wait forever.
    request.on('close', () => {
      if (!request.complete) reject(new BodyError('entity.parse.failed'));
    });
    request.on('end', () => {
      if (length > limit) return;
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
      resolve({ raw, parsed: raw.length ? undefined : {} });
    });
  });
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** body-parser's strict JSON: an object or an array, else the same 400. */
function parseStrict(raw: Buffer): unknown {
  let first = 0;
  while (first < raw.length && JSON_WHITESPACE.has(raw[first])) first++;
  if (raw[first] !== OPEN_BRACE && raw[first] !== OPEN_BRACKET) throw new BodyError('entity.parse.failed');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BodyError('entity.parse.failed');
  }
}

/**
 * Serves POST /meta/webhook in front of Express: the one route Meta calls at volume, where Express's router, the
 * body parser, pino-http's per-request child logger and Nest's handler pipeline cost more CPU than storing the
 * event. It keeps what they did for this route: the request id (X-Request-Id), helmet's headers, the body limit
 * (413), the JSON depth limit (400 json_too_deep), invalid JSON (400 invalid_json), the error envelope, and one
 * `request` log line per response; then MetaWebhookService.accept does exactly what the controller did. Every other
 * request (and any unusual delivery) goes to Express unchanged. Must run before the server listens.
 */
export function serveMetaWebhookDirectly(app: INestApplication, options: DirectRouteOptions): void {
  const server = app.getHttpServer() as Server;
  const meta = app.get(MetaWebhookService);
  const metrics = app.get(Metrics);
  const headers = staticSecurityHeaders();
  const viaExpress = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (isPlainDelivery(request)) void handle(request, response);
    else for (const listener of viaExpress) listener.call(server, request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    // The same histogram as every route's (HttpMetricsMiddleware): the 5xx alert and dashboards must see Meta's deliveries.
    const stopTimer = metrics.httpRequestDuration.startTimer();
    const requestId = assignRequestId(request, response);
    for (const [name, value] of headers) response.setHeader(name, value);
    response.on('finish', () => {
      stopTimer({ method: 'POST', route: '/meta/webhook', status: String(response.statusCode) });
      const line = {
        request_id: requestId,
        method: 'POST',
        path: (request.url ?? '').split('?')[0],
        status: response.statusCode,
        duration_ms: Math.round(performance.now() - started),
      };
      if (response.statusCode >= 500) options.logger.error(line, 'request');
      else options.logger.info(line, 'request');
    });
    try {
      const body = await readBody(request, options.bodyLimitBytes);
      if (body && jsonNestingExceeds(body.raw, options.jsonMaxDepth)) throw HttpErrors.jsonTooDeep(options.jsonMaxDepth);
      const parsed = body ? (body.parsed ?? parseStrict(body.raw)) : undefined;
      const stored = await runWithRequestId(requestId, () =>
        meta.accept({
          rawBody: body?.raw,
          signature: request.headers['x-hub-signature-256'] as string | undefined,
          contentType: request.headers['content-type'],
          body: parsed,
        }),
      );
      send(response, 200, stored);
    } catch (error) {
      const { status, body } = describeError(error, requestId);
      if (status >= 500) options.logger.error({ request_id: requestId, error: (error as Error)?.message }, 'meta webhook failed');
      if (error instanceof DomainError) for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      send(response, status, body);
    }
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
