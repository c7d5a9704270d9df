import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InstagramWebhookEvent } from '../../meta/instagram-webhook.types';
import type { InboxEventKind } from '../../meta/split-webhook-batch';

/**
 * - pending: stored, not yet worked on;
 * - recorded: contact upserted and outgoing webhook event written; routing to a run is next;
 * - processed: routed (see `outcome`); skipped: stored only (see `error` for why); failed: gave up after retries.
 */
export const INBOX_STATUSES = ['pending', 'recorded', 'processed', 'skipped', 'failed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** One Instagram event exactly as Meta sent it, deduplicated by comment id / message mid. */
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
  kind: InboxEventKind;

  @Column('jsonb')
  event: InstagramWebhookEvent;

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
