import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ConversationStatus = 'open' | 'done';

/** A contact's conversation as the inbox lists it: its last message, unread count, assignee and automation pause. */
@Entity('conversations')
export class Conversation {
  @PrimaryColumn('uuid', { name: 'contact_id' })
  contactId: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('timestamptz', { name: 'last_message_at' })
  lastMessageAt: Date;

  @Column('text', { name: 'last_message_text', nullable: true })
  lastMessageText: string | null;

  @Column('text', { name: 'last_direction' })
  lastDirection: string;

  @Column('timestamptz', { name: 'last_inbound_at', nullable: true })
  lastInboundAt: Date | null;

  @Column('integer', { name: 'unread_count' })
  unreadCount: number;

  @Column('text')
  status: ConversationStatus;

  @Column('uuid', { name: 'assignee_user_id', nullable: true })
  assigneeUserId: string | null;

  /** Set while automation is paused for the contact; `automationPausedUntil` null then means "until resumed". */
  @Column('timestamptz', { name: 'automation_paused_at', nullable: true })
  automationPausedAt: Date | null;

  @Column('timestamptz', { name: 'automation_paused_until', nullable: true })
  automationPausedUntil: Date | null;

  /** The run a "Hand over to a human" block parked, which resuming may continue. */
  @Column('uuid', { name: 'handover_run_id', nullable: true })
  handoverRunId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
