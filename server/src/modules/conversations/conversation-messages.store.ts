import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import { announcementParams, announcementSql } from './conversation-changes';
import { automationPausedSql } from './conversations.store';
import { ConversationMessage, MessageDirection } from './entities/conversation-message.entity';
import type { MessageContent } from './message-content';
import { isSearchable, searchTextUpsertSql } from './search-text';

export type MessageSender =
  | { type: 'contact' }
  | { type: 'flow'; flowId: string; runId: string; nodeId: string }
  | { type: 'api'; apiKeyId: string | null }
  | { type: 'member'; userId: string };

export interface MessageToRecord extends MessageContent {
  accountId: string;
  contactId: string;
  /** Unique per contact: recording the same message again (a replayed event or effect) is a no-op. */
  dedupeKey: string;
  direction: MessageDirection;
  metaMessageId?: string | null;
  metaCommentId?: string | null;
  sender: MessageSender;
  tag?: string | null;
  occurredAt: Date;
}

export interface RecordedMessage {
  automationPaused: boolean;
}

/**
 * The one owner of `conversation_messages`, and writer of the `conversations` row and search text (search-text.ts) each
 * message updates.
 */
@Injectable()
export class ConversationMessagesStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the message and moves its conversation up the inbox, once; returns null for a message recorded before,
   * else whether automation is paused for the person (read by the conversation's upsert, so routing asks nothing more).
   */
  async record(message: MessageToRecord, manager: EntityManager = this.dataSource.manager): Promise<RecordedMessage | null> {
    const { sender } = message;
    const searchable = isSearchable(sender.type);
    // One statement (a message is written on every send and every event): the message once, then, only if it was new,
    // its conversation, search text and announcement. An inbound message reopens a conversation marked done and counts
    // as unread; the latest message wins the preview. A text people wrote joins the search text, so a search finds what
    // the list shows; an automated one leaves it alone (it only creates the row with the username when the
    // conversation is new: search-text.ts). The announcement reads the conversation, so it is made once, at commit.
    const recorded = await manager.query<Array<{ automation_paused: boolean; announced: number }>>(
      `WITH message AS (
         INSERT INTO conversation_messages (account_id, contact_id, dedupe_key, direction, kind, text, attachments, meta_message_id,
           meta_comment_id, sender_type, flow_id, run_id, node_id, api_key_id, user_id, tag, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (contact_id, dedupe_key) DO NOTHING RETURNING id
       ), conversation AS (
         INSERT INTO conversations (contact_id, account_id, last_message_at, last_message_text, last_direction, last_inbound_at, unread_count)
         SELECT $2, $1, $17, $18, $4, CASE WHEN $19 THEN $17::timestamptz END, CASE WHEN $19 THEN 1 ELSE 0 END FROM message
         ON CONFLICT (contact_id) DO UPDATE SET
           last_message_text = CASE WHEN EXCLUDED.last_message_at >= conversations.last_message_at THEN EXCLUDED.last_message_text
                                    ELSE conversations.last_message_text END,
           last_direction = CASE WHEN EXCLUDED.last_message_at >= conversations.last_message_at THEN EXCLUDED.last_direction
                                 ELSE conversations.last_direction END,
           last_message_at = GREATEST(conversations.last_message_at, EXCLUDED.last_message_at),
           last_inbound_at = GREATEST(conversations.last_inbound_at, EXCLUDED.last_inbound_at),
           unread_count = conversations.unread_count + EXCLUDED.unread_count,
           status = CASE WHEN $19 THEN 'open' ELSE conversations.status END,
           updated_at = now()
         RETURNING ${automationPausedSql('conversations')} AS automation_paused
       ), search_text AS (${searchTextUpsertSql('$2', '$1', searchable ? '$6' : null)}
       ), announced AS (${announcementSql('conversation', '$20', '$21')})
       SELECT automation_paused, (SELECT count(*) FROM announced)::int AS announced FROM conversation`,
      [
        message.accountId,
        message.contactId,
        message.dedupeKey,
        message.direction,
        message.kind,
        message.text,
        JSON.stringify(message.attachments),
        message.metaMessageId ?? null,
        message.metaCommentId ?? null,
        sender.type,
        sender.type === 'flow' ? sender.flowId : null,
        sender.type === 'flow' ? sender.runId : null,
        sender.type === 'flow' ? sender.nodeId : null,
        sender.type === 'api' ? sender.apiKeyId : null,
        sender.type === 'member' ? sender.userId : null,
        message.tag ?? null,
        message.occurredAt,
        preview(message),
        message.direction === 'inbound',
        ...announcementParams({ account_id: message.accountId, contact_id: message.contactId, change: 'message' }),
      ],
    );
    return recorded.length ? { automationPaused: recorded[0].automation_paused } : null;
  }

  /** A contact's messages, newest first, keyset-paginated on (occurred_at, id). */
  page(contactId: string, query: PageQueryDto): Promise<Page<ConversationMessage>> {
    const builder = this.dataSource
      .getRepository(ConversationMessage)
      .createQueryBuilder('message')
      .where('message.contact_id = :contactId', { contactId });
    return paginate(builder, query, (row) => row, { column: 'occurred_at', timestampOf: (row) => row.occurredAt });
  }
}

const PREVIEW_CHARS = 200;

function preview(message: MessageContent): string | null {
  if (message.text) return message.text.slice(0, PREVIEW_CHARS);
  return message.attachments.length ? `[${message.kind === 'message' ? 'attachment' : message.kind}]` : null;
}
