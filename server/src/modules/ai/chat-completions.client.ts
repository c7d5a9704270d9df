import type { AiChatMessage } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENV, type AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { sendOutboundRequest, type OutboundResponse } from '../../core/http/outbound/outbound-request';

export interface ChatCompletionsEndpoint {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama); `/chat/completions` is appended. */
  baseUrl: string;
  apiKey: string | null;
  model: string;
}

export interface ChatCompletion {
  content: string;
  tokensIn: number;
  tokensOut: number;
  attempts: number;
}

/** The model could not give an answer within the attempts allowed (or refused the request outright). */
export class AiCallError extends Error {}

const MAX_RESPONSE_BYTES = 1_000_000;
const FIRST_RETRY_DELAY_MS = 500;

type Attempt = { completion: ChatCompletion } | { error: string; retryable: boolean; retryAfterMs?: number };

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(response: OutboundResponse): number | undefined {
  const header: unknown = response.headers?.['retry-after'];
  const value = typeof header === 'string' ? header : undefined;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorMessageOf(body: string | null): string {
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message.slice(0, 300);
  } catch {
    // Not JSON: the status says enough.
  }
  return (body ?? '').slice(0, 200);
}

function readCompletion(response: OutboundResponse, attempts: number): Attempt {
  let parsed: { choices?: Array<{ message?: { content?: unknown } }>; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
  try {
    parsed = JSON.parse(response.body ?? '') as typeof parsed;
  } catch {
    // A proxy's error page or a cut-off stream: worth another try.
    return { error: 'the model endpoint answered with malformed JSON', retryable: true };
  }
  const content = parsed.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return { error: 'the model endpoint answered without choices[0].message.content', retryable: true };
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);
  return {
    completion: { content, tokensIn: count(parsed.usage?.prompt_tokens), tokensOut: count(parsed.usage?.completion_tokens), attempts },
  };
}

/**
 * POST {baseUrl}/chat/completions, the OpenAI protocol that OpenAI, Azure OpenAI (v1 API), OpenRouter, Ollama, vLLM
 * and LM Studio all speak. Timeouts, 429s, 5xx answers and malformed JSON are retried with exponential backoff,
 * honouring Retry-After (capped); other 4xx answers (a wrong key or model) are not. The call goes through the same
 * guarded client as webhooks and HTTP blocks: no redirects, a bounded answer, private addresses only with
 * FLOWS_ALLOW_PRIVATE_URLS.
 */
@Injectable()
export class ChatCompletionsClient {
  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'ai' | 'flowsAllowPrivateUrls'>) {}

  async complete(endpoint: ChatCompletionsEndpoint, messages: AiChatMessage[]): Promise<ChatCompletion> {
    const { maxAttempts, maxRetryDelayMs } = this.config.ai;
    let lastError = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const outcome = await this.attempt(endpoint, messages, attempt);
      if ('completion' in outcome) return outcome.completion;
      lastError = outcome.error;
      if (!outcome.retryable) throw new AiCallError(lastError);
      if (attempt < maxAttempts) {
        const backoff = FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
        await sleep(Math.min(maxRetryDelayMs, outcome.retryAfterMs ?? backoff));
      }
    }
    throw new AiCallError(`${lastError} (gave up after ${maxAttempts} attempts)`);
  }

  private async attempt(endpoint: ChatCompletionsEndpoint, messages: AiChatMessage[], attempt: number): Promise<Attempt> {
    const response = await sendOutboundRequest({
      url: `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: endpoint.model, messages, temperature: 0.2, response_format: { type: 'json_object' } }),
      timeoutMs: this.config.ai.timeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      allowPrivate: this.config.flowsAllowPrivateUrls,
      allowPrivateSetting: ENV.flowsAllowPrivateUrls,
    });
    if (response.statusCode === null) {
      const error = response.error ?? 'no response';
      return { error: `the model endpoint could not be reached: ${error}`, retryable: !/is not allowed|not a valid URL/.test(error) };
    }
    if (response.statusCode === 429 || response.statusCode >= 500) {
      return {
        error: `the model endpoint answered ${response.statusCode}: ${errorMessageOf(response.body)}`,
        retryable: true,
        retryAfterMs: retryAfterMs(response),
      };
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      return { error: `the model endpoint answered ${response.statusCode}: ${errorMessageOf(response.body)}`, retryable: false };
    }
    return readCompletion(response, attempt);
  }
}
