import type { MessageRecipient, TriggerContext } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { MessagingService } from '../../messaging/messaging.service';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';
import { sendCall } from './send-failure';

/** The time of the comment a private reply answers, when the run was started by that comment and knows it. */
export function commentTimeFor(recipient: MessageRecipient, trigger: TriggerContext): Date | undefined {
  if (!('comment_id' in recipient) || recipient.comment_id !== trigger.commentId || !trigger.commentedAt) return undefined;
  return new Date(trigger.commentedAt);
}

/** Sends through MessagingService: messaging windows, per-account send limits, and at most once per effect key. */
@Injectable()
export class SendMessageHandler implements EffectHandler<'send_message'> {
  readonly type = 'send_message' as const;
  readonly outbound = true;

  constructor(
    private readonly messaging: MessagingService,
    private readonly contacts: ContactsService,
  ) {}

  async execute({ effect, row, run }: EffectExecution<'send_message'>): Promise<EffectRecord> {
    const sent = await sendCall(async () =>
      this.messaging.send({
        instagramAccountId: await this.contacts.instagramAccountOf(run.contactId),
        recipient: effect.recipient,
        message: { ...effect.message },
        idempotencyKey: row.effectKey,
        commentCreatedAt: commentTimeFor(effect.recipient, run.trigger),
      }),
    );
    return () => Promise.resolve({ message_id: sent.messageId, recipient_id: sent.recipientId });
  }
}
