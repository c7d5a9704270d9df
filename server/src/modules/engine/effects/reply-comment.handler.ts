import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { MessagingService } from '../../messaging/messaging.service';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';
import { sendCall } from './send-failure';

@Injectable()
export class ReplyCommentHandler implements EffectHandler<'reply_comment'> {
  readonly type = 'reply_comment' as const;

  constructor(
    private readonly messaging: MessagingService,
    private readonly contacts: ContactsService,
  ) {}

  async execute({ effect, row, run, manager }: EffectExecution<'reply_comment'>): Promise<EffectResult> {
    const reply = await sendCall(async () =>
      this.messaging.replyToComment({
        instagramAccountId: await this.contacts.instagramAccountOf(run.contactId, manager),
        commentId: effect.commentId,
        text: effect.text,
        idempotencyKey: row.effectKey,
        reconcileInDoubt: true,
      }),
    );
    return { comment_id: reply.id };
  }
}
