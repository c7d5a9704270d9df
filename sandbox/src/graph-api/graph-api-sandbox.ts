import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FailurePlan, parseFailureRule } from './failures';
import { answerGraphCall, SandboxMedia, SandboxProfile, withoutVersion } from './graph-api-routes';
import { traceId } from './ids';
import type { RecordedJson } from './recorded-json';
import { META_ERRORS, metaErrorBody } from './meta-errors';
import { parseScriptedAnswer, ScriptedAnswers } from './scripted-answers';
import { postWebhookFromControl, WebhookTarget } from '../webhooks/webhook-control';

/** One call the sandbox received, as the tests see it at GET /_sandbox/calls. */

export interface RecordedCall {
  sequence: number;
  at: string;
  method: string;
  /** Without the version prefix: "/me/messages", "/17890012345/replies". */
  path: string;
  token: string | null;
  headers: IncomingHttpHeaders;
  body: RecordedJson;
  status: number;
  response: RecordedJson;
}

export interface GraphSandbox {
  url: string;
  /** The base URL to give the server as META_GRAPH_URL. */
  graphUrl: string;
  port: number;
  calls(): RecordedCall[];
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { unparsable: text.slice(0, 1000) };
  }
}

/** The URL the caller used, minus its access token, for `paging.next` links. */
function publicUrl(request: IncomingMessage): string {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'sandbox'}`);
  url.searchParams.delete('access_token');
  return url.toString();
}

function bearerToken(request: IncomingMessage, query: URLSearchParams): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? query.get('access_token');
}

/** A real HTTP server speaking the part of Meta's Graph API dmflow uses, recording every call, with failure injection. */
export async function startGraphSandbox(
  options: { port?: number; host?: string; log?: (line: string) => void; webhooks?: WebhookTarget } = {},
): Promise<GraphSandbox> {
  const calls: RecordedCall[] = [];
  const failures = new FailurePlan();
  const answers = new ScriptedAnswers();
  const profiles = new Map<string, SandboxProfile>();
  const media = new Map<string, SandboxMedia>();
  let sequence = 0;
  const reset = (): void => {
    calls.length = 0;
    failures.clear();
    answers.clear();
    profiles.clear();
    media.clear();
  };

  const control = async (method: string, path: string, request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (method === 'GET' && path === '/_sandbox/calls') return reply(response, 200, { calls });
    if (method === 'GET' && path === '/_sandbox/failures') return reply(response, 200, { failures: failures.list() });
    if (method === 'GET' && path === '/_sandbox/health') return reply(response, 200, { status: 'ok' });
    if (method === 'POST' && path === '/_sandbox/reset') {
      reset();
      return reply(response, 200, { reset: true });
    }
    if (method === 'POST' && path === '/_sandbox/profiles') {
      const profile = parseJson(await readBody(request)) as (SandboxProfile & { id?: unknown }) | null;
      if (typeof profile?.id !== 'string' || !profile.id) return reply(response, 400, { error: 'a profile needs an "id" (the IGSID)' });
      profiles.set(profile.id, { username: profile.username, is_user_follow_business: profile.is_user_follow_business });
      return reply(response, 201, { profile });
    }
    if (method === 'POST' && path === '/_sandbox/media') {
      const post = parseJson(await readBody(request)) as (SandboxMedia & { id?: unknown }) | null;
      if (
        typeof post?.id !== 'string' ||
        !post.id ||
        typeof post.timestamp !== 'string' ||
        Number.isNaN(Date.parse(post.timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))
      ) {
        return reply(response, 400, { error: 'a post needs an "id" and an ISO-8601 "timestamp" (when it was published)' });
      }
      const { id, ...described } = post;
      media.set(id, described);
      return reply(response, 201, { media: post });
    }
    if (method === 'POST' && path === '/_sandbox/failures') {
      try {
        const rule = parseFailureRule(parseJson(await readBody(request)));
        failures.add(rule);
        return reply(response, 201, { failure: rule });
      } catch (error) {
        return reply(response, 400, { error: (error as Error).message });
      }
    }
    if (method === 'POST' && path === '/_sandbox/answers') {
      try {
        const answer = parseScriptedAnswer(parseJson(await readBody(request)));
        answers.add(answer);
        return reply(response, 201, { answer });
      } catch (error) {
        return reply(response, 400, { error: (error as Error).message });
      }
    }
    if (method === 'POST' && path.startsWith('/_sandbox/webhooks/')) {
      try {
        const delivery = await postWebhookFromControl(
          path.slice('/_sandbox/webhooks/'.length),
          parseJson(await readBody(request)),
          options.webhooks ?? {},
        );
        options.log?.(`webhook ${path.slice('/_sandbox/webhooks/'.length)} -> ${delivery.status}`);
        return reply(response, 200, {
          delivered: delivery.status === 200,
          status: delivery.status,
          response: delivery.body,
          payload: JSON.parse(delivery.payload) as unknown,
        });
      } catch (error) {
        return reply(response, 400, { error: (error as Error).message });
      }
    }
    return reply(response, 404, { error: `no sandbox control route ${method} ${path}` });
  };

  const graph = async (
    method: string,
    path: string,
    query: URLSearchParams,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> => {
    const body = parseJson(await readBody(request));
    const token = bearerToken(request, query);
    const decision = failures.decide(path);
    if (decision.latencyMs) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    const answer = decision.error
      ? { status: META_ERRORS[decision.error].status, error: META_ERRORS[decision.error] }
      : (answers.find(method, path) ??
        answerGraphCall(method, path, query, { path, token, body, url: publicUrl(request) }, { profiles, media }));
    const responseBody = 'error' in answer ? metaErrorBody(answer.error, traceId()) : answer.body;
    calls.push({
      sequence: ++sequence,
      at: new Date().toISOString(),
      method,
      path,
      token,
      headers: request.headers,
      body,
      status: answer.status,
      response: responseBody,
    });
    options.log?.(`${method} ${path} -> ${answer.status}`);
    reply(response, answer.status, responseBody);
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const method = request.method ?? 'GET';
    const handle = url.pathname.startsWith('/_sandbox/')
      ? control(method, url.pathname, request, response)
      : graph(method, withoutVersion(url.pathname), url.searchParams, request, response);
    handle.catch((error: Error) => reply(response, 500, metaErrorBody({ ...META_ERRORS.server_error, message: error.message }, traceId())));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
  return {
    url,
    graphUrl: `${url}/v25.0`,
    port,
    calls: () => [...calls],
    reset,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
