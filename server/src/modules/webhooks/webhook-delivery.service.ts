import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import type { DeliverWebhookJob } from '../../core/queue/queue-contract';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { type ClaimedDelivery, ENDPOINT_ROW_JSON } from './claimed-delivery';
import type { LeasedAtInsert, LeasedEvent } from './webhook-events.service';
import { PostResult, postWebhook } from './webhook-http-client';
import { nextRetry } from './retry-schedule';
import { signWebhook } from './webhook-signatures';
import { queryRows } from '../../core/database/query-rows';
import { Metrics } from '../../core/metrics/metrics';
import { ProcessLiveness } from '../../core/liveness/process-liveness';

export type AttemptOutcome = 'succeeded' | 'retrying' | 'gave_up' | 'endpoint_gone';

/**
 * A delivery leased at insert is sent under that lease only this soon after; later (its transaction stayed open) the lease
 * is renewed first, so a request never outlives it (SENDING_LEASE_SECONDS is DELIVERY_TIMEOUT_MS plus 5 s).
 */
const RENEW_LEASE_AFTER_MS = 2_000;

export function isSuccess(result: PostResult): boolean {
  return result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
}

function describeFailure(statusCode: number | null): string {
  if (statusCode !== null && statusCode >= 300 && statusCode < 400) return `HTTP ${statusCode} (redirects are not followed)`;
  return `HTTP ${statusCode}`;
}

/** Sends one attempt of one delivery and records what happened. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('webhooks');
  private readonly listeners: Array<() => void> = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointsService,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'webhooks'>,
    private readonly metrics: Metrics,
    private readonly liveness: ProcessLiveness,
  ) {}

  /**
   * Called after an attempt that leaves a later delivery of the same endpoint and key waiting: the poller dispatches it
   * without waiting for its poll. (A retry is due later and found by the poll; an unordered delivery has no follower.)
   */
  onAttemptFinished(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** A job of the webhooks queue: claims its delivery, sends it and records the attempt. */
  async deliver(job: DeliverWebhookJob): Promise<void> {
    const claimed = await this.claim(job);
    if (claimed) await this.send(claimed);
  }

  /**
   * A delivery leased to this process by the insert of its event (WebhookEventsService), after that transaction
   * committed. Its lease started at the insert: a transaction that stayed open long used up part of it, so the lease is
   * renewed first (or found taken back, and left) rather than sent under a lease that may run out mid-request.
   */
  async deliverLeased(event: LeasedEvent, leased: LeasedAtInsert): Promise<void> {
    const claimed: ClaimedDelivery = {
      ...leased,
      event_id: event.id,
      event_type: event.type,
      payload: event.payload,
      attempts: 0,
    };
    if (Date.now() - event.leasedFromMs > RENEW_LEASE_AFTER_MS && !(await this.renewLease(claimed))) return;
    await this.send(claimed);
  }

  /** The one path of an attempt, queued or leased at insert: POST, record, metrics and logs. */
  private async send(claimed: ClaimedDelivery): Promise<void> {
    const result = await this.attempt(claimed).catch((error: Error): PostResult => {
      // e.g. a secret encrypted with another ENCRYPTION_KEY: logged and retried like a failed request, never stuck.
      this.logger.error({ msg: 'webhook delivery failed before sending', delivery_id: claimed.id, error: error.message });
      return { statusCode: null, latencyMs: 0, responseSnippet: null, error: `internal error: ${error.message}` };
    });
    if (result === 'not_sent') return;
    const { outcome, followed } = await this.record(claimed, result);
    this.metrics.webhookDeliveries.inc({ outcome });
    this.metrics.webhookDeliveryDuration.observe({ outcome }, result.latencyMs / 1000);
    if (outcome === 'endpoint_gone')
      this.logger.warn({ msg: 'webhook endpoint answered 410 Gone: disabled', endpoint_id: claimed.endpoint_id });
    // A retry keeps its followers waiting until it is due, when the poll finds it.
    if (followed && outcome !== 'retrying') for (const listener of this.listeners) listener();
  }

  private async renewLease(claimed: ClaimedDelivery): Promise<boolean> {
    const renewed = await queryRows<unknown>(
      this.dataSource,
      `UPDATE webhook_deliveries SET leased_at = clock_timestamp()
       WHERE id = $1 AND status = 'sending' AND attempts = 0 AND leased_by_boot = $2 RETURNING id`,
      [claimed.id, this.liveness.bootId],
    );
    return renewed.length > 0;
  }

  private async attempt(claimed: ClaimedDelivery): Promise<PostResult | 'not_sent'> {
    // Read with the claim: an endpoint deleted since took its deliveries with it, so the claim found nothing.
    const target = this.endpoints.deliveryTargetOf(claimed.endpoint);
    if (!target.enabled) {
      // Disabled after dispatch: the delivery waits, untried, until the endpoint is enabled again.
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'pending', leased_at = NULL WHERE id = $1 AND status = 'sending'`,
        [claimed.id],
      );
      return 'not_sent';
    }
    const request = signWebhook({
      webhookId: claimed.event_id,
      eventType: claimed.event_type,
      payload: claimed.payload,
      secret: target.secret,
      previousSecret: target.previousSecret,
      extraHeaders: target.extraHeaders,
      at: new Date(),
    });
    return postWebhook(target.url, request.headers, request.body, this.config.webhooks.allowPrivateUrls);
  }

  /**
   * The lease names this process's boot, so a delivery it was sending when it died is put back at once
   * (WebhookDispatchService). The same statement reads the event's payload and the endpoint's row.
   */
  private async claim(job: DeliverWebhookJob): Promise<ClaimedDelivery | null> {
    await this.liveness.whenHeld();
    const rows = await queryRows<ClaimedDelivery>(
      this.dataSource,
      `UPDATE webhook_deliveries delivery
       SET status = 'sending', leased_at = clock_timestamp(), leased_by_boot = $3,
         first_attempt_at = coalesce(delivery.first_attempt_at, now())
       FROM webhook_events event, webhook_endpoints endpoint
       WHERE delivery.id = $1 AND delivery.status = 'queued' AND delivery.attempts = $2 AND event.id = delivery.event_id
         AND endpoint.id = delivery.endpoint_id
       RETURNING delivery.id, delivery.endpoint_id, delivery.event_id, delivery.event_type, delivery.attempts,
         delivery.first_attempt_at, event.payload, ${ENDPOINT_ROW_JSON} AS endpoint`,
      [job.deliveryId, job.attempt - 1, this.liveness.bootId],
    );
    return rows[0] ?? null;
  }

  /**
   * One statement, so the attempt, the delivery's new state and a 410's disabling commit together. It also says whether
   * a later delivery of the same endpoint and key is open, i.e. may have waited for this one.
   */
  private async record(delivery: ClaimedDelivery, result: PostResult): Promise<{ outcome: AttemptOutcome; followed: boolean }> {
    const attempt = delivery.attempts + 1;
    const succeeded = isSuccess(result);
    const error = result.error ?? (succeeded ? null : describeFailure(result.statusCode));
    const gone = result.statusCode === 410;
    const retryAt = succeeded || gone ? null : this.retryAt(delivery, attempt);
    const outcome: AttemptOutcome = succeeded ? 'succeeded' : gone ? 'endpoint_gone' : retryAt ? 'retrying' : 'gave_up';
    const status = outcome === 'succeeded' ? 'succeeded' : outcome === 'retrying' ? 'pending' : 'failed';
    const [{ followed }] = await queryRows<{ followed: boolean }>(
      this.dataSource,
      `WITH attempt AS (
         INSERT INTO webhook_delivery_attempts (delivery_id, attempt, succeeded, status_code, latency_ms, response_snippet, error)
         VALUES ($1, $3, $7, $4, $8, $9, $5) ON CONFLICT (delivery_id, attempt) DO NOTHING
       ), delivery AS (
         UPDATE webhook_deliveries SET
           status = $2, attempts = $3, last_attempt_at = now(), last_status_code = $4, last_error = $5, leased_at = NULL,
           next_attempt_at = coalesce($6, next_attempt_at), completed_at = CASE WHEN $2 IN ('succeeded', 'failed') THEN now() END
         WHERE id = $1 AND status = 'sending'
         RETURNING endpoint_id, ordering_key, event_sequence
       ), disabled AS (
         UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'gone', updated_at = now()
         WHERE $10 AND id IN (SELECT endpoint_id FROM delivery)
       )
       SELECT EXISTS (SELECT 1 FROM delivery JOIN webhook_deliveries later
         ON later.endpoint_id = delivery.endpoint_id AND later.ordering_key = delivery.ordering_key
           AND later.status IN ('pending', 'queued', 'sending') AND later.event_sequence > delivery.event_sequence) AS followed`,
      [delivery.id, status, attempt, result.statusCode, error, retryAt, succeeded, result.latencyMs, result.responseSnippet, gone],
    );
    return { outcome, followed };
  }

  private retryAt(delivery: ClaimedDelivery, attemptsMade: number): Date | null {
    const now = new Date();
    const decision = nextRetry(this.config.webhooks, attemptsMade, new Date(delivery.first_attempt_at), now);
    return decision.retry ? new Date(now.getTime() + decision.delayMs) : null;
  }
}
