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

/**
 * The one way to emit an outgoing webhook event. Call it with the EntityManager of the transaction that
 * makes the change, so the event exists if and only if the change commits.
 */
@Injectable()
export class WebhookEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(event: NewWebhookEvent, manager: EntityManager = this.dataSource.manager): Promise<WebhookEvent> {
    const entity = manager.create(WebhookEvent, {
      accountId: event.accountId,
      eventType: event.type,
      orderingKey: event.orderingKey,
      payload: event.payload,
      occurredAt: event.occurredAt ?? new Date(),
    });
    return manager.save(WebhookEvent, entity);
  }
}
