import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '../../webhooks/webhook-events.service';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';

/** Records question_answered / flow_completed in the webhook events outbox, in the transaction that marks the effect done. */
@Injectable()
export class EmitEventHandler implements EffectHandler<'emit_event'> {
  readonly type = 'emit_event' as const;
  readonly outbound = false;

  constructor(private readonly webhookEvents: WebhookEventsService) {}

  execute({ effect, run, row }: EffectExecution<'emit_event'>): Promise<EffectRecord> {
    return Promise.resolve(async (manager) => {
      const recorded = await this.webhookEvents.record(
        {
          accountId: run.accountId,
          type: effect.event.name,
          orderingKey: `contact:${run.contactId}`,
          payload: { ...effect.event.payload },
          occurredAt: row.createdAt,
        },
        manager,
      );
      return { webhook_event_id: recorded.id };
    });
  }
}
