import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactsService } from '../../contacts/contacts.service';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagingService } from '../../messaging/messaging.service';
import type { EffectExecution, OutboundCall, OutboundEffectHandler } from './effect-handler';
import { sendCall } from './send-failure';

/** A public reply under a comment, claimed and recorded like a send (SendMessageHandler). */
@Injectable()
export class ReplyCommentHandler implements OutboundEffectHandler<'reply_comment'> {
  readonly type = 'reply_comment' as const;
  readonly outbound = true;

  constructor(
    private readonly messaging: MessagingService,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  async claim({ effect, row, run }: EffectExecution<'reply_comment'>, manager: EntityManager): Promise<OutboundCall> {
    const send = await sendCall(async () =>
      this.messaging.claimCommentReply(
        {
          instagramAccountId: await this.contacts.instagramAccountOf(run.contactId, manager),
          commentId: effect.commentId,
          text: effect.text,
          idempotencyKey: row.effectKey,
          reconcileInDoubt: true,
        },
        manager,
      ),
    );
    return async () => {
      const reply = await sendCall(() => send.make());
      return {
        made: (manager) => send.record(reply, manager),
        record: async (manager) => {
          await this.conversations.recordCommentReply(
            {
              accountId: run.accountId,
              contactId: run.contactId,
              commentId: effect.commentId,
              text: effect.text,
              replyId: reply.id,
              sender: { type: 'flow', flowId: run.flowId, runId: run.id, nodeId: row.nodeId },
              sendKey: row.effectKey,
            },
            manager,
          );
          return { comment_id: reply.id };
        },
      };
    };
  }
}
