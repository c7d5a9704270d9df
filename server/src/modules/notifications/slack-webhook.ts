import { Injectable } from '@nestjs/common';
import { ENV, type AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { sendOutboundRequest } from '../../core/http/outbound/outbound-request';

const TIMEOUT_MS = 10_000;

export interface SlackPostResult {
  ok: boolean;
  status: number | null;
  /** Why it failed, in words (the HTTP status and the start of the answer, or the network error). */
  error: string | null;
}

/**
 * Posts `{"text": …}` to a Slack-compatible incoming webhook through the same guarded client as the HTTP request
 * block: no private addresses (unless FLOWS_ALLOW_PRIVATE_URLS), no redirects, a bounded answer.
 */
@Injectable()
export class SlackWebhook {
  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'flowsAllowPrivateUrls'>) {}

  async post(url: string, text: string, idempotencyKey: string): Promise<SlackPostResult> {
    const response = await sendOutboundRequest({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ text }),
      timeoutMs: TIMEOUT_MS,
      maxResponseBytes: 2_000,
      allowPrivate: this.config.flowsAllowPrivateUrls,
      allowPrivateSetting: ENV.flowsAllowPrivateUrls,
    });
    if (response.statusCode === null) return { ok: false, status: null, error: response.error ?? 'no response' };
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const answer = (response.body ?? '').trim().slice(0, 200);
      return { ok: false, status: response.statusCode, error: `HTTP ${response.statusCode}${answer ? `: ${answer}` : ''}` };
    }
    return { ok: true, status: response.statusCode, error: null };
  }
}
