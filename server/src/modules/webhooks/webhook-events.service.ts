import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/query-rows';
import type { WebhookEvent } from './entities/webhook-event.entity';
import type { WebhookEventType } from './webhook-event-types';

export interface NewWebhookEvent {
  accountId: string;
  type: WebhookEventType;
  /** e.g. `contact:<id>`: events with the same key reach each endpoint in the order recorded. */
  orderingKey: string | null;
  payload: Record<string, unknown>;
  occurredAt?: Date;
}

export type RecordedWebhookEvent = Pick<WebhookEvent, 'id'>;

/** NOTIFY channel of committed webhook events: the relay wakes on it (WebhookRelayPoller) instead of waiting for its poll. */
export const WEBHOOK_EVENTS_CHANNEL = 'dmflow_webhook_events';

/**
 * Whether an enabled endpoint of the account subscribes to the event type and, if so, the event's ordering lock:
 * sequence numbers are taken at insert but become visible at commit, so without the lock a later event of the same
 * contact could commit (and be relayed) before an earlier one. Held until the transaction ends. An event nobody
 * subscribes to is never delivered, so it needs no order.
 */
const SUBSCRIBED_SQL = `SELECT subscribed, CASE WHEN subscribed AND $3::text IS NOT NULL
         THEN pg_advisory_xact_lock(hashtext('webhook-order'), hashtext($3::text))::text END AS locked
   FROM (SELECT EXISTS (SELECT 1 FROM webhook_endpoints
                         WHERE account_id = $1 AND enabled AND $2::text = ANY (events)) AS subscribed) endpoint`;

const INSERT_SQL = `INSERT INTO webhook_events (account_id, event_type, ordering_key, payload, occurred_at, relayed_at)
  VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN NULL ELSE now() END) RETURNING id`;

/**
 * The one way to emit an outgoing webhook event. Call it with the EntityManager of the transaction that
 * makes the change, so the event exists if and only if the change commits.
 */
@Injectable()
export class WebhookEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: NewWebhookEvent, manager?: EntityManager): Promise<RecordedWebhookEvent> {
    if (!manager?.queryRunner?.isTransactionActive) return this.dataSource.transaction((transaction) => this.insert(transaction, event));
    return this.insert(manager, event);
  }

  /**
   * The row is always written (the event happened; it is kept like any other until pruned). An event no enabled
   * endpoint subscribes to when it is recorded is written relayed already: no NOTIFY, no relay round, no delivery —
   * an endpoint receives the events recorded after it subscribed.
   */
  private async insert(manager: EntityManager, event: NewWebhookEvent): Promise<RecordedWebhookEvent> {
    const [{ subscribed }] = await queryRows<{ subscribed: boolean }>(manager, SUBSCRIBED_SQL, [
      event.accountId,
      event.type,
      event.orderingKey,
    ]);
    const values = [
      event.accountId,
      event.type,
      event.orderingKey,
      JSON.stringify(event.payload),
      event.occurredAt ?? new Date(),
      subscribed,
    ];
    // NOTIFY is delivered when (and only if) the transaction commits; several in one transaction fold into one.
    const [recorded] = subscribed
      ? await queryRows<RecordedWebhookEvent>(manager, `WITH event AS (${INSERT_SQL}) SELECT event.id, pg_notify($7, '') FROM event`, [
          ...values,
          WEBHOOK_EVENTS_CHANNEL,
        ])
      : await queryRows<RecordedWebhookEvent>(manager, INSERT_SQL, values);
    return { id: recorded.id };
  }
}
