import type { EffectOf } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { type NewWebhookEvent, WebhookEventsService } from '../../webhooks/webhook-events.service';
import type { FlowRun } from '../entities/flow-run.entity';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';

/** The webhook event an `emit_event` effect stands for: ordered with the contact's other events. */
export function webhookEventOf(
  effect: EffectOf<'emit_event'>,
  run: Pick<FlowRun, 'accountId' | 'contactId'>,
  occurredAt: Date,
): NewWebhookEvent {
  return {
    accountId: run.accountId,
    type: effect.event.name,
    orderingKey: `contact:${run.contactId}`,
    payload: { ...effect.event.payload },
    occurredAt,
  };
}

/**
 * Records question_answered / flow_completed in the webhook events outbox, in the transaction that marks the effect
 * done. A step's leading events never get here: RunStore writes them with the step itself.
 */
@Injectable()
export class EmitEventHandler implements EffectHandler<'emit_event'> {
  readonly type = 'emit_event' as const;
  readonly outbound = false;

  constructor(private readonly webhookEvents: WebhookEventsService) {}

  execute({ effect, run, row }: EffectExecution<'emit_event'>): Promise<EffectRecord> {
    return Promise.resolve(async (manager) => {
      const recorded = await this.webhookEvents.record(webhookEventOf(effect, run, row.createdAt), manager);
      return { webhook_event_id: recorded.id };
    });
  }
}
