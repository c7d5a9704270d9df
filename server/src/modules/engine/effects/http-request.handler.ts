import type { RunEvent } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { sendOutboundRequest } from '../../../core/http/outbound/outbound-request';
import { ENV, type AppConfig } from '../../../core/config/config';
import { tryUnseal } from '../../../core/crypto/sealed-value';
import { TokenCipher } from '../../../core/crypto/token-cipher';
import { InjectAppConfig } from '../../../core/config/config.module';
import { RunAdvancer } from '../run-advancer';
import { callAfterClaim, type EffectExecution, type EffectRecord, type OutboundCall, type OutboundEffectHandler } from './effect-handler';

const MAX_RESPONSE_BYTES = 100_000;

/**
 * Calls the flow's URL with no transaction open, then feeds the response back to the run in the transaction that
 * marks the effect done, so a crash cannot lose the answer (the call is made again). Receivers get the effect key as `Idempotency-Key` to dedupe a retry after a crash.
 * Marketers choose the URL, so it gets the same guard as webhooks: no private addresses (unless
 * FLOWS_ALLOW_PRIVATE_URLS), no redirects, a bounded answer.
 */
@Injectable()
export class HttpRequestHandler implements OutboundEffectHandler<'http_request'> {
  readonly type = 'http_request' as const;
  readonly outbound = true;

  constructor(
    private readonly advancer: RunAdvancer,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'flowsAllowPrivateUrls' | 'encryptionKey'>,
  ) {}

  private readonly cipher = new TokenCipher(this.config.encryptionKey);

  claim(execution: EffectExecution<'http_request'>): Promise<OutboundCall> {
    return callAfterClaim(() => this.call(execution));
  }

  private async call({ effect, run }: EffectExecution<'http_request'>): Promise<EffectRecord> {
    const { request } = effect;
    // Credentials are stored sealed in the flow and in the outbox row; they are opened only for the call.
    const headers = Object.entries(request.headers).map(([name, value]) => [name, tryUnseal(this.cipher, value)] as const);
    const unreadable = headers.find(([, value]) => value === null);
    const response = unreadable
      ? { statusCode: null, body: null, error: `the ${unreadable[0]} header could not be decrypted (was ENCRYPTION_KEY changed?)` }
      : await sendOutboundRequest({
          url: request.url,
          method: request.method,
          headers: { 'content-type': 'application/json', ...Object.fromEntries(headers), 'idempotency-key': effect.key },
          body: request.body ?? undefined,
          timeoutMs: request.timeoutMs,
          maxResponseBytes: MAX_RESPONSE_BYTES,
          allowPrivate: this.config.flowsAllowPrivateUrls,
          allowPrivateSetting: ENV.flowsAllowPrivateUrls,
        });
    const at = new Date().toISOString();
    const event: RunEvent =
      response.statusCode === null
        ? { type: 'http.failed', effectKey: effect.key, error: response.error ?? 'no response', at }
        : { type: 'http.responded', effectKey: effect.key, status: response.statusCode, body: parseBody(response.body), at };
    return async (manager) => {
      await this.advancer.advance(run.id, event, manager);
      return event.type === 'http.responded' ? { status: event.status } : { error: event.error };
    };
  }
}

function parseBody(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
