import { Injectable } from '@nestjs/common';
import { DomainError } from '../../core/errors/domain-error';
import { Metrics } from '../../core/metrics/metrics';
import { admitInFixedWindow, type FixedWindow } from '../../core/redis/fixed-window';
import { RedisCounters } from '../../core/redis/redis.module';
import { conversationsWindow, moderationWindow, SendKind, sendLimitWindow } from './send-limits';

/** Thrown when a send would have to wait longer than its caller allows; carries when to try again. */
export class SendLimitExceeded extends DomainError {
  constructor(readonly retryAfterMs: number) {
    super('instagram_send_limit', 'Instagram send limit reached for this Instagram account. Please try again later.', {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    });
  }
}

/** Meta's per-account send limits, counted in Redis so every process shares them. Over the limit, a send waits. */
@Injectable()
export class InstagramSendLimiter {
  constructor(
    private readonly counters: RedisCounters,
    private readonly metrics: Metrics,
  ) {}

  acquire(instagramAccountId: string, kind: SendKind, maxWaitMs: number): Promise<void> {
    return this.acquireIn(sendLimitWindow(instagramAccountId, kind), kind, maxWaitMs);
  }

  /** One Conversations API call (2/s per account), shared by every process reconciling sends of the account. */
  acquireConversationsCall(instagramAccountId: string, maxWaitMs: number): Promise<void> {
    return this.acquireIn(conversationsWindow(instagramAccountId), 'conversations_lookup', maxWaitMs);
  }

  /** One comment moderation call (hide, unhide, delete), counted per account across processes. */
  acquireModerationCall(instagramAccountId: string, maxWaitMs: number): Promise<void> {
    return this.acquireIn(moderationWindow(instagramAccountId), 'comment_moderation', maxWaitMs);
  }

  /** `kind` labels the limiter-wait metrics: a send kind, or the Conversations API lookups of reconciliation. */
  private async acquireIn(window: FixedWindow, kind: string, maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (let waits = 0; ; waits++) {
      const decision = await admitInFixedWindow(this.counters, window);
      if (decision.admitted) return;
      const waitMs = decision.resetAt - Date.now() + 1;
      if (Date.now() + waitMs > deadline) throw new SendLimitExceeded(decision.resetAt - Date.now());
      if (waits === 0) this.metrics.sendLimiterWaits.inc({ kind });
      this.metrics.sendLimiterWaitSeconds.inc({ kind }, waitMs / 1000);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
