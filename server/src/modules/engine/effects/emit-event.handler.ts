import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '../../webhooks/webhook-events.service';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';

/** Records question_answered / flow_completed in the webhook events outbox, in the transaction that marks the effect done. */
@Injectable()
export class EmitEventHandler implements EffectHandler<'emit_event'> {
  readonly type = 'emit_event' as const;

  constructor(private readonly webhookEvents: WebhookEventsService) {}

  async execute({ effect, run, row, manager }: EffectExecution<'emit_event'>): Promise<EffectResult> {
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
  }
}
