import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { MessagingService } from '../../messaging/messaging.service';
import { QUEUED_SEND_RETRY } from '../../messaging/retry-policy';
import { callAfterClaim, type EffectExecution, type EffectRecord, type OutboundCall, type OutboundEffectHandler } from './effect-handler';
import { sendCall } from './send-failure';

/** Hides, unhides or deletes the run's comment through the Graph API; Meta's limits are retried with backoff like sends. */
@Injectable()
export class ModerateCommentHandler implements OutboundEffectHandler<'moderate_comment'> {
  readonly type = 'moderate_comment' as const;
  readonly outbound = true;

  constructor(
    private readonly messaging: MessagingService,
    private readonly contacts: ContactsService,
  ) {}

  claim(execution: EffectExecution<'moderate_comment'>): Promise<OutboundCall> {
    return callAfterClaim(() => this.call(execution));
  }

  private async call({ effect, row, run }: EffectExecution<'moderate_comment'>): Promise<EffectRecord> {
    const done = await sendCall(async () =>
      this.messaging.moderateComment({
        instagramAccountId: await this.contacts.instagramAccountOf(run.contactId),
        commentId: effect.commentId,
        action: effect.action,
        idempotencyKey: row.effectKey,
        retry: QUEUED_SEND_RETRY,
      }),
    );
    return () => Promise.resolve({ comment_id: effect.commentId, action: done.action });
  }
}
