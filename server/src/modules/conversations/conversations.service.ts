import type { InboundEvent, MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page, PageQueryDto } from '../../core/http/pagination';
import { ContactsService } from '../contacts/contacts.service';
import { ConversationMessagesStore, type MessageSender } from './conversation-messages.store';
import { ConversationNotesStore } from './conversation-notes.store';
import { type AssigneeCount, ConversationsStore, type InboxQuery, type InboxRow } from './conversations.store';
import { ConversationErrors } from './conversations.errors';
import { MessageView } from './dto/message.dto';
import type { ConversationStatus } from './entities/conversation.entity';
import type { ConversationNote } from './entities/conversation-note.entity';
import { LiveChatSettingsStore } from './live-chat-settings.store';
import { inboundContent, inboundMetaIds, outboundContent } from './message-content';

export type { MessageSender } from './conversation-messages.store';
export type { AssigneeCount, InboxFilter, InboxQuery, InboxRow } from './conversations.store';
export type { ConversationNote } from './entities/conversation-note.entity';

export interface InboundToRecord {
  accountId: string;
  contactId: string;
  inbound: InboundEvent;
  /** Meta's raw event (the attachments the normalized event leaves out). */
  raw: unknown;
  /** The inbox row's id: the message's identity when Meta gave it none (a postback without mid). */
  inboxEventId: string;
  occurredAt: Date;
}

export interface OutboundToRecord {
  accountId: string;
  contactId: string;
  recipient: MessageRecipient;
  message: OutgoingMessage;
  metaMessageId: string | null;
  sender: MessageSender;
  /** The send's idempotency key (effect key, reply id): recording it again is a no-op. */
  sendKey: string;
  tag?: string | null;
}

/**
 * The conversations module's API. Other modules record every message in and out through here (inbound where inbox
 * events are recorded, outbound where sends are recorded), and ask whether automation is paused for a contact.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly messages: ConversationMessagesStore,
    private readonly conversations: ConversationsStore,
    private readonly notes: ConversationNotesStore,
    private readonly settings: LiveChatSettingsStore,
    private readonly contacts: ContactsService,
  ) {}

  /**
   * Records what the person sent, in the transaction that records the inbox event; returns whether automation is paused
   * for them, null when the message was recorded before (a replay: ask isAutomationPaused).
   */
  async recordInbound(event: InboundToRecord, manager?: EntityManager): Promise<{ automationPaused: boolean } | null> {
    const ids = inboundMetaIds(event.inbound);
    return this.messages.record(
      {
        accountId: event.accountId,
        contactId: event.contactId,
        dedupeKey: `in:${ids.commentId ?? ids.messageId ?? event.inboxEventId}`,
        direction: 'inbound',
        ...inboundContent(event.inbound, event.raw),
        metaMessageId: ids.messageId,
        metaCommentId: ids.commentId,
        sender: { type: 'contact' },
        occurredAt: event.occurredAt,
      },
      manager,
    );
  }

  /** Records a message dmflow sent (a flow's block, /api-webhook, a team member), once per send key. */
  async recordOutbound(sent: OutboundToRecord, manager?: EntityManager): Promise<void> {
    await this.messages.record(
      {
        accountId: sent.accountId,
        contactId: sent.contactId,
        dedupeKey: `out:${sent.sendKey}`,
        direction: 'outbound',
        ...outboundContent(sent.recipient, sent.message),
        metaMessageId: sent.metaMessageId,
        metaCommentId: 'comment_id' in sent.recipient ? sent.recipient.comment_id : null,
        sender: sent.sender,
        tag: sent.tag ?? null,
        occurredAt: new Date(),
      },
      manager,
    );
  }

  /** A public reply under the person's comment. */
  async recordCommentReply(
    reply: {
      accountId: string;
      contactId: string;
      commentId: string;
      text: string;
      replyId: string;
      sender: MessageSender;
      sendKey: string;
    },
    manager?: EntityManager,
  ): Promise<void> {
    await this.messages.record(
      {
        accountId: reply.accountId,
        contactId: reply.contactId,
        dedupeKey: `out:${reply.sendKey}`,
        direction: 'outbound',
        kind: 'comment_reply',
        text: reply.text,
        attachments: [],
        metaMessageId: reply.replyId,
        metaCommentId: reply.commentId,
        sender: reply.sender,
        occurredAt: new Date(),
      },
      manager,
    );
  }

  /** GET /v1/contacts/{id}/messages: newest first; another workspace's contact is not found. */
  async messagesOf(accountId: string, contactId: string, query: PageQueryDto): Promise<Page<MessageView>> {
    await this.contacts.getOwned(accountId, contactId);
    const page = await this.messages.page(contactId, query);
    return { ...page, data: page.data.map(MessageView.of) };
  }

  /** While paused, no flow starts for the contact and a waiting run does not take their messages. */
  isAutomationPaused(contactId: string, manager?: EntityManager): Promise<boolean> {
    return this.conversations.isAutomationPaused(contactId, manager);
  }

  pauseAutomation(
    accountId: string,
    contactId: string,
    change: { until: Date | null; handoverRunId?: string | null; assigneeUserId?: string | null },
    manager?: EntityManager,
  ): Promise<void> {
    return this.conversations.pause(accountId, contactId, change, manager);
  }

  resumeAutomation(accountId: string, contactId: string): Promise<{ handoverRunId: string | null }> {
    return this.conversations.resume(accountId, contactId);
  }

  list(accountId: string, query: InboxQuery): Promise<Page<InboxRow>> {
    return this.conversations.list(accountId, query);
  }

  async get(accountId: string, contactId: string): Promise<InboxRow> {
    const row = await this.conversations.find(accountId, contactId);
    if (!row) throw ConversationErrors.notFound(contactId);
    return row;
  }

  countsByAssignee(accountId: string): Promise<AssigneeCount[]> {
    return this.conversations.countsByAssignee(accountId);
  }

  async update(
    accountId: string,
    contactId: string,
    change: { status?: ConversationStatus; assigneeUserId?: string | null; read?: true },
  ): Promise<InboxRow> {
    if (!(await this.conversations.update(accountId, contactId, change))) throw ConversationErrors.notFound(contactId);
    return this.get(accountId, contactId);
  }

  async addNote(accountId: string, contactId: string, authorUserId: string | null, text: string): Promise<ConversationNote> {
    await this.contacts.getOwned(accountId, contactId);
    return this.notes.add({ accountId, contactId, authorUserId, text });
  }

  async notesOf(accountId: string, contactId: string, query: PageQueryDto): Promise<Page<ConversationNote>> {
    await this.contacts.getOwned(accountId, contactId);
    return this.notes.page(accountId, contactId, query);
  }

  humanAgentEnabled(accountId: string): Promise<boolean> {
    return this.settings.humanAgentEnabled(accountId);
  }

  setHumanAgentEnabled(accountId: string, enabled: boolean): Promise<void> {
    return this.settings.setHumanAgentEnabled(accountId, enabled);
  }

  /** Round-robin pick among `candidates` (user ids), taking turns across processes. */
  nextInTurn(accountId: string, candidates: string[]): Promise<string | null> {
    return this.settings.nextInTurn(accountId, candidates);
  }
}
