import type { MessageRecipient, TriggerContext } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactsService } from '../../contacts/contacts.service';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagingService } from '../../messaging/messaging.service';
import type { EffectExecution, OutboundCall, OutboundEffectHandler } from './effect-handler';
import { sendCall } from './send-failure';

/** The time of the comment a private reply answers, when the run was started by that comment and knows it. */
export function commentTimeFor(recipient: MessageRecipient, trigger: TriggerContext): Date | undefined {
  if (!('comment_id' in recipient) || recipient.comment_id !== trigger.commentId || !trigger.commentedAt) return undefined;
  return new Date(trigger.commentedAt);
}

/**
 * Sends through MessagingService: messaging windows, per-account send limits, and once per effect key — a send
 * left in doubt by a crash or a lost answer is reconciled with Meta on the effect's later attempts. The account, its
 * token, the window and the send's claim are read and taken in the effect's claim transaction; what Meta answers is
 * recorded as sent with the effect.
 */
@Injectable()
export class SendMessageHandler implements OutboundEffectHandler<'send_message'> {
  readonly type = 'send_message' as const;
  readonly outbound = true;

  constructor(
    private readonly messaging: MessagingService,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  async claim({ effect, row, run }: EffectExecution<'send_message'>, manager: EntityManager): Promise<OutboundCall> {
    const send = await sendCall(async () =>
      this.messaging.claimSend(
        {
          instagramAccountId: await this.contacts.instagramAccountOf(run.contactId, manager),
          recipient: effect.recipient,
          message: { ...effect.message },
          idempotencyKey: row.effectKey,
          commentCreatedAt: commentTimeFor(effect.recipient, run.trigger),
          reconcileInDoubt: true,
          conversationUserId: run.snapshot.context.contact.id,
        },
        manager,
      ),
    );
    return async () => {
      const sent = await sendCall(() => send.make());
      return {
        made: (manager) => send.record(sent, manager),
        record: async (manager) => {
          await this.conversations.recordOutbound(
            {
              accountId: run.accountId,
              contactId: run.contactId,
              recipient: effect.recipient,
              message: effect.message,
              metaMessageId: sent.messageId,
              sender: { type: 'flow', flowId: run.flowId, runId: run.id, nodeId: row.nodeId },
              sendKey: row.effectKey,
            },
            manager,
          );
          return { message_id: sent.messageId, recipient_id: sent.recipientId };
        },
      };
    };
  }
}
