import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueueGateway } from '../../core/queue/queue-gateway';
import { DELIVERY_TIMEOUT_MS } from './webhook-http-client';
import { queryRows } from '../../core/database/query-rows';
import { ProcessLiveness } from '../../core/liveness/process-liveness';

const RELAY_BATCH = 500;
const DISPATCH_BATCH = 200;
// A dispatched job not picked up by a worker within this long is dispatched again (e.g. the enqueue was lost in a crash).
const QUEUED_LEASE_SECONDS = 300;
// Sooner than that, a queued delivery whose job is gone from Redis (a Redis restart loses every queue) or ended without
// claiming it (Postgres was down when it ran) is put back.
const LOST_JOB_CHECK_AFTER_SECONDS = 20;
const LOST_JOB_CHECK_BATCH = 200;
// A delivery still "sending" this long after it started belongs to a worker that died mid-request.
const SENDING_LEASE_SECONDS = DELIVERY_TIMEOUT_MS / 1000 + 5;

interface LeasedDelivery {
  id: string;
  attempts: number;
  leased_ms: string;
}

/** Leases due deliveries that head their ordering chain (no earlier delivery of the same key still open). */
const LEASE_DUE_SQL = `WITH due AS (
     SELECT delivery.id FROM webhook_deliveries delivery
     JOIN webhook_endpoints endpoint ON endpoint.id = delivery.endpoint_id AND endpoint.enabled
     WHERE delivery.status = 'pending' AND delivery.next_attempt_at <= now()
       AND (delivery.ordering_key IS NULL OR NOT EXISTS (
         SELECT 1 FROM webhook_deliveries earlier
         WHERE earlier.endpoint_id = delivery.endpoint_id AND earlier.ordering_key = delivery.ordering_key
           AND earlier.status IN ('pending', 'queued', 'sending') AND earlier.event_sequence < delivery.event_sequence))
     ORDER BY delivery.next_attempt_at
     LIMIT $1
     FOR UPDATE OF delivery SKIP LOCKED
   )
   UPDATE webhook_deliveries SET status = 'queued', leased_at = clock_timestamp()
   FROM due WHERE webhook_deliveries.id = due.id
   RETURNING webhook_deliveries.id, webhook_deliveries.attempts,
     floor(extract(epoch FROM webhook_deliveries.leased_at) * 1000)::bigint::text AS leased_ms`;

/**
 * Hands due deliveries to the webhooks queue, and turns webhook_events written unrelayed (by a version that did not
 * fan out at insert) into per-endpoint deliveries.
 * Postgres holds the truth; every step is safe to run in several processes at once and to repeat after a crash.
 */
@Injectable()
export class WebhookDispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueGateway,
    private readonly liveness: ProcessLiveness,
  ) {}

  /**
   * One relay round in one transaction: fans out a batch of unrelayed events (one relayer at a time keeps sequence
   * order; WebhookEventsService fans out at insert, so only rows written the old way are left to it) and leases the
   * due deliveries that head their ordering chain, the new ones included; after the commit
   * one job each is enqueued. Returns how many events it took and deliveries it leased: a full batch of either means
   * there may be more.
   */
  async relayAndDispatch(): Promise<{ relayed: number; leased: number; more: boolean }> {
    const { relayed, leased } = await this.dataSource.transaction(async (manager) => ({
      relayed: await this.relayEvents(manager),
      leased: await queryRows<LeasedDelivery>(manager, LEASE_DUE_SQL, [DISPATCH_BATCH]),
    }));
    if (leased.length) await this.enqueue(leased);
    return { relayed, leased: leased.length, more: relayed >= RELAY_BATCH || leased.length >= DISPATCH_BATCH };
  }

  private async relayEvents(manager: EntityManager): Promise<number> {
    const [{ locked }] = await queryRows<{ locked: boolean }>(
      manager,
      `SELECT pg_try_advisory_xact_lock(hashtext('dmflow.webhook_relay')) AS locked`,
    );
    if (!locked) return 0;
    const relayed = await queryRows<unknown>(
      manager,
      `WITH picked AS (
         SELECT id, account_id, event_type, ordering_key, sequence FROM webhook_events
         WHERE relayed_at IS NULL ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED
       ), fanned AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id, event_sequence, event_type, ordering_key)
         SELECT endpoint.id, picked.id, picked.sequence, picked.event_type, picked.ordering_key
         FROM picked JOIN webhook_endpoints endpoint
           ON endpoint.account_id = picked.account_id AND endpoint.enabled AND picked.event_type = ANY (endpoint.events)
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
       )
       UPDATE webhook_events SET relayed_at = now() WHERE id IN (SELECT id FROM picked) RETURNING id`,
      [RELAY_BATCH],
    );
    return relayed.length;
  }

  /** Enqueues one job per leased delivery; without Redis the rows go back to pending now rather than when their lease runs out. */
  private async enqueue(leased: LeasedDelivery[]): Promise<void> {
    try {
      await this.queue.enqueueMany(
        'deliverWebhook',
        leased.map((row) => ({ payload: { deliveryId: row.id, attempt: row.attempts + 1 }, jobId: deliveryJobId(row) })),
      );
    } catch (error) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'pending', leased_at = NULL WHERE id = ANY ($1) AND status = 'queued'`,
        [leased.map((row) => row.id)],
      );
      throw error;
    }
  }

  /**
   * Puts back deliveries whose job was lost or whose worker died mid-request (at once when its process is known dead,
   * ProcessLiveness; else when the lease runs out); the receiver dedupes on X-Webhook-Id.
   */
  async reclaimExpiredLeases(): Promise<number> {
    const lostJobs = await queryRows<unknown>(
      this.dataSource,
      `UPDATE webhook_deliveries SET status = 'pending', leased_at = NULL
       WHERE status = 'queued' AND leased_at < now() - make_interval(secs => $1) RETURNING id`,
      [QUEUED_LEASE_SECONDS],
    );
    const interrupted = await queryRows<unknown>(
      this.dataSource,
      `UPDATE webhook_deliveries SET status = 'pending', leased_at = NULL, next_attempt_at = now(),
         last_error = 'interrupted: the worker stopped during the request'
       WHERE status = 'sending' AND (leased_at < now() - make_interval(secs => $1)
         OR ($2 AND leased_by_boot IS NOT NULL AND NOT ${ProcessLiveness.aliveSql('leased_by_boot')})) RETURNING id`,
      [SENDING_LEASE_SECONDS, this.liveness.mayJudgeOthers()],
    );
    return lostJobs.length + interrupted.length + (await this.reclaimJobsLostFromRedis());
  }

  /** Queued deliveries whose job is lost or over without having claimed them: back to pending soon, not after the lease. */
  private async reclaimJobsLostFromRedis(): Promise<number> {
    const queued = await queryRows<{ id: string; attempts: number; leased_ms: string }>(
      this.dataSource,
      `SELECT id, attempts, floor(extract(epoch FROM leased_at) * 1000)::bigint::text AS leased_ms FROM webhook_deliveries
       WHERE status = 'queued' AND leased_at < now() - make_interval(secs => $1) ORDER BY leased_at LIMIT $2`,
      [LOST_JOB_CHECK_AFTER_SECONDS, LOST_JOB_CHECK_BATCH],
    );
    let reclaimed = 0;
    for (const row of queued) {
      // A job still waiting or running owns the delivery; one that ended (e.g. failed while Postgres was down) left
      // the row `queued` with nobody to move it on.
      if (await this.queue.isOpen('deliverWebhook', deliveryJobId(row))) continue;
      // Still the same lease: a worker that claimed it meanwhile moved it on to `sending`.
      const back = await queryRows<unknown>(
        this.dataSource,
        `UPDATE webhook_deliveries SET status = 'pending', leased_at = NULL
         WHERE id = $1 AND status = 'queued' AND floor(extract(epoch FROM leased_at) * 1000)::bigint::text = $2 RETURNING id`,
        [row.id, row.leased_ms],
      );
      reclaimed += back.length;
    }
    return reclaimed;
  }
}

/** Stable per dispatch: a repeated enqueue of the same lease is one job, a new lease is a new job. */
function deliveryJobId(row: LeasedDelivery): string {
  return `${row.id}:${row.attempts + 1}:${row.leased_ms}`;
}
