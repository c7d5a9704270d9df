import type { InboundEvent, InstagramEventKind, InstagramWebhookEvent } from '@dmflow/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * - pending: stored, not yet worked on;
 * - recorded: contact upserted and outgoing webhook event written; routing to a run is next;
 * - processed: routed (see `outcome`); skipped: stored only (see `error` for why); failed: gave up after retries.
 */
export const INBOX_STATUSES = ['pending', 'recorded', 'processed', 'skipped', 'failed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** One Instagram event as Meta sent it and as routing reads it, deduplicated by comment id / message mid. */
@Entity('inbox_events')
export class InboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** entry[].id: the connected Instagram professional account the event is for. */
  @Column('text', { name: 'ig_account_id' })
  igAccountId: string;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('text')
  kind: InstagramEventKind;

  /** Meta's event as sent: the outgoing webhook bodies carry it. */
  @Column('jsonb')
  event: InstagramWebhookEvent;

  /** Normalized when the webhook arrived; NULL on rows stored before that column existed, or when unreadable. */
  @Column('jsonb', { nullable: true })
  inbound: InboundEvent | null;

  @Column('text')
  status: InboxStatus;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('uuid', { name: 'contact_id', nullable: true })
  contactId: string | null;

  @Column('integer')
  attempts: number;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
