import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ContactsService } from '../contacts/contacts.service';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagingService } from '../messaging/messaging.service';
import { type Actor, senderOf } from './actor';
import { LiveChatErrors } from './live-chat.errors';
import { replyVerdict } from './reply-window';

/** How long the per-account send limiter may hold a person's reply before answering 429 (they are waiting). */
const REPLY_LIMITER_WAIT_MS = 3_000;

/**
 * A team member's reply from the inbox, through the one send path (MessagingService: per-account rate limits, once
 * per key). The key is the request's Idempotency-Key when given, so a retried click never messages the person twice.
 */
@Injectable()
export class HumanReplyService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly messaging: MessagingService,
  ) {}

  async reply(
    actor: Actor,
    contactId: string,
    text: string,
    requestKey: string | null,
  ): Promise<{ message_id: string | null; tag: string | null }> {
    const contact = await this.contacts.getOwned(actor.accountId, contactId);
    const verdict = replyVerdict(contact.lastInboundAt, await this.conversations.humanAgentEnabled(actor.accountId), new Date());
    if (!verdict.allowed) throw LiveChatErrors.replyRefused(verdict.code, verdict.reason);
    const sendKey = `human-reply:${contactId}:${requestKey ?? randomUUID()}`;
    const recipient = { id: contact.igUserId };
    const message = { text };
    const sent = await this.messaging.send({
      instagramAccountId: contact.instagramAccountId,
      recipient,
      message,
      idempotencyKey: sendKey,
      tag: verdict.tag ?? undefined,
      maxLimiterWaitMs: REPLY_LIMITER_WAIT_MS,
    });
    await this.conversations.recordOutbound({
      accountId: actor.accountId,
      contactId,
      recipient,
      message,
      metaMessageId: sent.messageId,
      sender: senderOf(actor),
      sendKey,
      tag: verdict.tag,
    });
    // Whoever answers has read the conversation.
    await this.conversations.update(actor.accountId, contactId, { read: true });
    return { message_id: sent.messageId, tag: verdict.tag };
  }
}
