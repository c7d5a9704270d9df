import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '../harness/ports';

export interface ChatMessage {
  role: string;
  content: string;
}

/** A chat-completions request as the fake received it. */
export interface ReceivedChatRequest {
  authorization: string | undefined;
  model: string;
  messages: ChatMessage[];
  responseFormat: unknown;
  receivedAt: number;
}

/** What the fake does with the next request; without a queued fault it answers with the brain's content. */
export type FakeFault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error'; status: number }
  /** 200 with a body that is not JSON (a proxy's page, a cut-off stream). */
  | { kind: 'malformed_json' }
  /** Holds the request this long before answering normally: longer than the client's timeout, it times out. */
  | { kind: 'slow'; delayMs: number };

/** The model: the message content to answer a request with (usually JSON, as the prompt asks). */
export type FakeBrain = (request: ReceivedChatRequest) => string;

export interface FakeOpenAiServer {
  /** The base URL a provider is configured with, e.g. http://127.0.0.1:4123/v1. */
  baseUrl: string;
  requests: ReceivedChatRequest[];
  setBrain(brain: FakeBrain): void;
  /** Faults for the next requests, in order. */
  queueFaults(...faults: FakeFault[]): void;
  close(): Promise<void>;
}

/** Roughly OpenAI's ratio (4 characters per token): deterministic, so tests can predict budgets. */
export const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const apiError = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

/**
 * An OpenAI-compatible chat-completions server on a loopback port, speaking the real protocol (POST
 * /v1/chat/completions, Bearer auth, OpenAI's error bodies, `usage`), with faults on demand: 429 with Retry-After,
 * 5xx, malformed JSON and slow answers. The only fake model provider the tests use.
 */
export async function startFakeOpenAi(options: { apiKey?: string; brain?: FakeBrain } = {}): Promise<FakeOpenAiServer> {
  const requests: ReceivedChatRequest[] = [];
  const faults: FakeFault[] = [];
  let brain: FakeBrain = options.brain ?? (() => JSON.stringify({ reply: 'Hello!', handover: false, confidence: 0.9 }));
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        return json(
          response,
          404,
          apiError(`Unknown request URL: ${request.method} ${request.url}`, 'invalid_request_error', 'unknown_url'),
        );
      }
      if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return json(response, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      }
      let body: { model?: unknown; messages?: unknown; response_format?: unknown };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return json(response, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
      }
      if (typeof body.model !== 'string' || !Array.isArray(body.messages)) {
        return json(response, 400, apiError("'model' and 'messages' are required", 'invalid_request_error'));
      }
      const received: ReceivedChatRequest = {
        authorization: request.headers.authorization,
        model: body.model,
        messages: body.messages as ChatMessage[],
        responseFormat: body.response_format,
        receivedAt: Date.now(),
      };
      requests.push(received);
      const fault = faults.shift();
      if (fault?.kind === 'rate_limited') {
        return json(response, 429, apiError('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), {
          'retry-after': String(fault.retryAfterSeconds),
        });
      }
      if (fault?.kind === 'server_error') return json(response, fault.status, apiError('The server had an error', 'server_error'));
      if (fault?.kind === 'malformed_json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end('{"id":"chatcmpl-broken","choices":[{"message":{"content":"Hel');
      }
      const answer = () => {
        const content = brain(received);
        json(response, 200, {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: received.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: {
            prompt_tokens: tokensOf(received.messages.map((message) => message.content).join('\n')),
            completion_tokens: tokensOf(content),
            total_tokens: tokensOf(received.messages.map((message) => message.content).join('\n')) + tokensOf(content),
          },
        });
      };
      if (fault?.kind === 'slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) answer();
        }, fault.delayMs);
        timers.add(timer);
        return;
      }
      answer();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    setBrain: (next) => (brain = next),
    queueFaults: (...next) => faults.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The user's message the request answers (the last one), and the system prompt. */
export function lastUserMessage(request: ReceivedChatRequest): string {
  return [...request.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
}

export function systemPrompt(request: ReceivedChatRequest): string {
  return request.messages.find((message) => message.role === 'system')?.content ?? '';
}
