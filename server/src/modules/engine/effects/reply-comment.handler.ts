import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagingService } from '../../messaging/messaging.service';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';
import { sendCall } from './send-failure';

@Injectable()
export class ReplyCommentHandler implements EffectHandler<'reply_comment'> {
  readonly type = 'reply_comment' as const;
  readonly outbound = true;

  constructor(
    private readonly messaging: MessagingService,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  async execute({ effect, row, run }: EffectExecution<'reply_comment'>): Promise<EffectRecord> {
    const reply = await sendCall(async () =>
      this.messaging.replyToComment({
        instagramAccountId: await this.contacts.instagramAccountOf(run.contactId),
        commentId: effect.commentId,
        text: effect.text,
        idempotencyKey: row.effectKey,
        reconcileInDoubt: true,
      }),
    );
    return async (manager) => {
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
    };
  }
}
