import { Injectable } from '@nestjs/common';
import { MessagingService } from '../../messaging/messaging.service';
import { senderOf } from './contact-sender';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';
import { sendCall } from './send-failure';

@Injectable()
export class ReplyCommentHandler implements EffectHandler<'reply_comment'> {
  readonly type = 'reply_comment' as const;

  constructor(private readonly messaging: MessagingService) {}

  async execute({ effect, row, run, manager }: EffectExecution<'reply_comment'>): Promise<EffectResult> {
    const reply = await sendCall(async () =>
      this.messaging.replyToComment({
        instagramAccountId: await senderOf(manager, run.contactId),
        commentId: effect.commentId,
        text: effect.text,
        idempotencyKey: row.effectKey,
      }),
    );
    return { comment_id: reply.id };
  }
}
