import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookEventType } from '../webhook-event-types';

/** An outgoing webhook event, written in the same transaction as the change that caused it (transactional outbox). */
@Entity('webhook_events')
export class WebhookEvent {
  /** Sent as X-Webhook-Id: receivers dedupe on it. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  sequence: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('text', { name: 'event_type' })
  eventType: WebhookEventType;

  /** Events sharing an ordering key (e.g. a contact) are delivered in order. */
  @Column('text', { name: 'ordering_key', nullable: true })
  orderingKey: string | null;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;
}
