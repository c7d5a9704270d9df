import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MessageDirection = 'inbound' | 'outbound';
/** Who wrote a message: the person, a flow's block, an API key (/api-webhook), or a team member from the inbox. */
export type MessageSenderType = 'contact' | 'flow' | 'api' | 'member';

/** One message in or out of a contact's conversation; kept as long as the contact. */
@Entity('conversation_messages')
export class ConversationMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @Column('uuid', { name: 'contact_id' })
  contactId: string;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('text')
  direction: MessageDirection;

  /** comment, live_comment, message, story_reply, postback (in); message, private_reply, comment_reply (out). */
  @Column('text')
  kind: string;

  @Column('text', { nullable: true })
  text: string | null;

  @Column('jsonb')
  attachments: unknown[];

  @Column('text', { name: 'meta_message_id', nullable: true })
  metaMessageId: string | null;

  @Column('text', { name: 'meta_comment_id', nullable: true })
  metaCommentId: string | null;

  @Column('text', { name: 'sender_type' })
  senderType: MessageSenderType;

  @Column('uuid', { name: 'flow_id', nullable: true })
  flowId: string | null;

  @Column('uuid', { name: 'run_id', nullable: true })
  runId: string | null;

  @Column('text', { name: 'node_id', nullable: true })
  nodeId: string | null;

  @Column('uuid', { name: 'api_key_id', nullable: true })
  apiKeyId: string | null;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  /** Meta's message tag the send used (HUMAN_AGENT), if any. */
  @Column('text', { nullable: true })
  tag: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
