import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxCommentModeration } from './comment-moderation';
import { SandboxConversations } from './conversations';
import { SandboxMessengerProfiles } from './messenger-profiles';
import { FailurePlan, parseFailureRule } from './failures';
import { LostResponsePlan, LostResponseRule, parseLostResponseRule } from './lost-responses';
import { answerGraphCall, SandboxMedia, SandboxProfile, withoutVersion } from './graph-api-routes';
import { traceId } from './ids';
import type { RecordedJson } from './recorded-json';
import { META_ERRORS, metaErrorBody } from './meta-errors';
import { parseScriptedAnswer, ScriptedAnswers } from './scripted-answers';
import { postWebhookFromControl, WebhookTarget } from '../webhooks/webhook-control';
import { authorizePage, PageAnswer, submitAuthorization } from '../instagram-login/authorize-page';
import { instagramLoginControl } from '../instagram-login/instagram-login-control';
import { answerInstagramLoginCall, SandboxApp } from '../instagram-login/instagram-login-routes';
import { InstagramLogins } from '../instagram-login/instagram-logins';

/** One call the sandbox received, as the tests see it at GET /_sandbox/calls. */

export interface RecordedCall {
  sequence: number;
  at: string;
  method: string;
  /** Without the version prefix: "/me/messages", "/17890012345/replies". */
  path: string;
  /** The query string's parameters, minus the access token (e.g. `hide` of a comment moderation). */
  query: Record<string, string>;
  token: string | null;
  headers: IncomingHttpHeaders;
  body: RecordedJson;
  status: number;
  response: RecordedJson;
  /** Set when the answer never reached the caller (POST /_sandbox/lose-responses); `status` is what happened at "Meta". */
  lostResponse?: LostResponseRule['mode'];
}

export interface GraphSandbox {
  url: string;
  /** The base URL to give the server as META_GRAPH_URL. */
  graphUrl: string;
  /** Business Login's authorize page (www.instagram.com/oauth/authorize): the server's META_OAUTH_AUTHORIZE_URL. */
  authorizeUrl: string;
  /** The code exchange (api.instagram.com/oauth/access_token): the server's META_OAUTH_TOKEN_URL. */
  tokenUrl: string;
  port: number;
  calls(): RecordedCall[];
  reset(): void;
  close(): Promise<void>;
  /** Lets the process exit while the sandbox still listens (a fixture sandbox kept for a whole run). */
  unref(): void;
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

function parseBody(request: IncomingMessage, text: string): unknown {
  if (!/^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) return parseJson(text);
  return Object.fromEntries(new URLSearchParams(text));
}

function sendPage(response: ServerResponse, answer: PageAnswer): void {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
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

function recordedQuery(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...query.entries()].filter(([name]) => name !== 'access_token'));
}

function bearerToken(request: IncomingMessage, query: URLSearchParams): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? query.get('access_token');
}

/** The answer of a send is lost: the connection is destroyed, a proxy answers a bare 502, or nothing ever comes. */
function loseResponse(rule: LostResponseRule, response: ServerResponse): void {
  if (rule.mode === 'drop') {
    response.socket?.destroy();
    return;
  }
  if (rule.mode === 'bad_gateway') {
    response.writeHead(502, { 'Content-Type': 'text/html' });
    response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
  }
  // timeout: leave the request unanswered; the caller's own timeout ends it.
}

/** A comment webhook posted through the sandbox says who wrote the comment, so its private reply joins that person's conversation. */
function learnCommenters(payload: string, conversations: SandboxConversations): void {
  const event = JSON.parse(payload) as {
    entry?: Array<{ changes?: Array<{ field?: string; value?: { id?: string; from?: { id?: string } } }> }>;
  };
  for (const change of event.entry?.flatMap((entry) => entry.changes ?? []) ?? []) {
    if (change.value?.id && change.value.from?.id) conversations.setCommenter(change.value.id, change.value.from.id);
  }
}

/** A real HTTP server speaking the part of Meta's Graph API dmflow uses, recording every call, with failure injection. */
export async function startGraphSandbox(
  options: {
    port?: number;
    host?: string;
    log?: (line: string) => void;
    webhooks?: WebhookTarget;
    /** The Meta app's id and secret the OAuth calls must carry; unchecked when left out. */
    app?: SandboxApp;
  } = {},
): Promise<GraphSandbox> {
  const calls: RecordedCall[] = [];
  const failures = new FailurePlan();
  const answers = new ScriptedAnswers();
  const profiles = new Map<string, SandboxProfile>();
  const media = new Map<string, SandboxMedia>();
  // Test businesses and their tokens outlive reset(): like Instagram accounts, they are not part of a test's script.
  const logins = new InstagramLogins();
  const app = options.app ?? {};
  const conversations = new SandboxConversations();
  const messengerProfiles = new SandboxMessengerProfiles();
  const moderation = new SandboxCommentModeration();
  const lostResponses = new LostResponsePlan();
  let graphUrl = '';
  let sequence = 0;
  const reset = (): void => {
    calls.length = 0;
    failures.clear();
    conversations.clear();
    messengerProfiles.clear();
    moderation.clear();
    lostResponses.clear();
    answers.clear();
    profiles.clear();
    media.clear();
  };

  const control = async (method: string, path: string, request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (method === 'GET' && path === '/_sandbox/calls') return reply(response, 200, { calls });
    if (method === 'GET' && path === '/_sandbox/failures') return reply(response, 200, { failures: failures.list() });
    if (method === 'DELETE' && path === '/_sandbox/failures') {
      failures.clear();
      return reply(response, 200, { failures: [] });
    }
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
    if (method === 'GET' && path === '/_sandbox/lose-responses') return reply(response, 200, { rules: lostResponses.list() });
    if (method === 'POST' && path === '/_sandbox/lose-responses') {
      try {
        const rule = parseLostResponseRule(parseJson(await readBody(request)));
        lostResponses.add(rule);
        return reply(response, 201, { rule });
      } catch (error) {
        return reply(response, 400, { error: (error as Error).message });
      }
    }
    if (method === 'GET' && path.startsWith('/_sandbox/comments/'))
      return reply(response, 200, moderation.state(decodeURIComponent(path.slice('/_sandbox/comments/'.length))));
    if (method === 'POST' && path === '/_sandbox/comments') {
      const comment = parseJson(await readBody(request)) as { id?: unknown; from_id?: unknown } | null;
      if (typeof comment?.id !== 'string' || typeof comment.from_id !== 'string' || !comment.id || !comment.from_id)
        return reply(response, 400, { error: 'a comment needs an "id" and a "from_id" (the commenter\'s IGSID)' });
      conversations.setCommenter(comment.id, comment.from_id);
      return reply(response, 201, { comment });
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
    if (path.startsWith('/_sandbox/instagram-users')) {
      const answer = instagramLoginControl(logins, method, path, method === 'POST' ? parseJson(await readBody(request)) : null);
      if (answer) return reply(response, answer.status, answer.body);
    }
    if (method === 'POST' && path.startsWith('/_sandbox/webhooks/')) {
      try {
        const delivery = await postWebhookFromControl(
          path.slice('/_sandbox/webhooks/'.length),
          parseJson(await readBody(request)),
          options.webhooks ?? {},
        );
        options.log?.(`webhook ${path.slice('/_sandbox/webhooks/'.length)} -> ${delivery.status}`);
        learnCommenters(delivery.payload, conversations);
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
    const body = parseBody(request, await readBody(request));
    const token = bearerToken(request, query);
    const decision = failures.decide(path);
    if (decision.latencyMs) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    const lost = decision.error ? null : lostResponses.take(method, path);
    if (lost && !lost.performed) {
      record({
        sequence: ++sequence,
        at: new Date().toISOString(),
        method,
        path,
        query: recordedQuery(query),
        token,
        headers: request.headers,
        body,
        status: 0,
        response: null,
        lostResponse: lost.mode,
      });
      return loseResponse(lost, response);
    }
    const answer = decision.error
      ? { status: META_ERRORS[decision.error].status, error: META_ERRORS[decision.error] }
      : (answers.find(method, path) ??
        answerInstagramLoginCall(logins, app, { method, path, query, token, body }) ??
        answerGraphCall(
          method,
          path,
          query,
          { path, token, body, url: publicUrl(request) },
          { profiles, media, conversations, messengerProfiles, moderation, graphUrl },
        ));
    const responseBody = 'error' in answer ? metaErrorBody(answer.error, traceId()) : answer.body;
    record({
      sequence: ++sequence,
      at: new Date().toISOString(),
      method,
      path,
      query: recordedQuery(query),
      token,
      headers: request.headers,
      body,
      status: answer.status,
      response: responseBody,
      ...(lost ? { lostResponse: lost.mode } : {}),
    });
    if (lost) return loseResponse(lost, response);
    reply(response, answer.status, responseBody);
  };
  const record = (call: RecordedCall): void => {
    calls.push(call);
    options.log?.(`${call.method} ${call.path} -> ${call.status}${call.lostResponse ? ` (answer lost: ${call.lostResponse})` : ''}`);
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const method = request.method ?? 'GET';
    if (url.pathname === '/favicon.ico') return sendPage(response, { status: 204, headers: {}, body: '' });
    if (url.pathname === '/oauth/authorize') {
      if (method === 'GET') return sendPage(response, authorizePage(logins, app, url.searchParams));
      readBody(request)
        .then((form) => sendPage(response, submitAuthorization(logins, app, new URLSearchParams(form))))
        .catch((error: Error) => reply(response, 400, { error: error.message }));
      return;
    }
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
  graphUrl = `${url}/v25.0`;
  return {
    url,
    graphUrl,
    authorizeUrl: `${url}/oauth/authorize`,
    tokenUrl: `${url}/oauth/access_token`,
    port,
    calls: () => [...calls],
    reset,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    unref: () => void server.unref(),
  };
}
