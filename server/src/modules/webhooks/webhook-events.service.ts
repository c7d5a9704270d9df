import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WebhookEvent } from './entities/webhook-event.entity';
import type { WebhookEventType } from './webhook-event-types';

export interface NewWebhookEvent {
  accountId: string;
  type: WebhookEventType;
  /** e.g. `contact:<id>`: events with the same key reach each endpoint in the order recorded. */
  orderingKey: string | null;
  payload: Record<string, unknown>;
  occurredAt?: Date;
}

/** NOTIFY channel of committed webhook events: the relay wakes on it (WebhookRelayPoller) instead of waiting for its poll. */
export const WEBHOOK_EVENTS_CHANNEL = 'dmflow_webhook_events';

/**
 * The one way to emit an outgoing webhook event. Call it with the EntityManager of the transaction that
 * makes the change, so the event exists if and only if the change commits.
 */
@Injectable()
export class WebhookEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: NewWebhookEvent, manager?: EntityManager): Promise<WebhookEvent> {
    if (!manager?.queryRunner?.isTransactionActive) return this.dataSource.transaction((transaction) => this.insert(transaction, event));
    return this.insert(manager, event);
  }

  private async insert(manager: EntityManager, event: NewWebhookEvent): Promise<WebhookEvent> {
    // Sequence numbers are taken at insert but become visible at commit: without this lock, a later event of the
    // same contact could commit (and be relayed) before an earlier one. Held until the transaction ends.
    if (event.orderingKey)
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('webhook-order'), hashtext($1))`, [event.orderingKey]);
    const entity = manager.create(WebhookEvent, {
      accountId: event.accountId,
      eventType: event.type,
      orderingKey: event.orderingKey,
      payload: event.payload,
      occurredAt: event.occurredAt ?? new Date(),
    });
    const saved = await manager.save(WebhookEvent, entity);
    // Delivered when (and only if) the transaction commits; several in one transaction fold into one.
    await manager.query("SELECT pg_notify($1, '')", [WEBHOOK_EVENTS_CHANNEL]);
    return saved;
  }
}
