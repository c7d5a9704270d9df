import { Injectable } from '@nestjs/common';
import { formatWebhookTimestamp } from '@dmflow/shared';
import { ContactsService } from '../../contacts/contacts.service';
import { AssignmentService } from '../../conversations/assignment.service';
import { ConversationsService } from '../../conversations/conversations.service';
import { WebhookEventsService } from '../../webhooks/webhook-events.service';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';

/**
 * The "Hand over to a human" block: pauses automation for the contact (the run parks at the block, the conversation
 * remembers it so resuming may continue it), assigns the conversation, and emits `handover_requested`, all in the
 * transaction that marks the effect done.
 */
@Injectable()
export class HandOverHandler implements EffectHandler<'hand_over'> {
  readonly type = 'hand_over' as const;
  readonly outbound = false;

  constructor(
    private readonly assignment: AssignmentService,
    private readonly conversations: ConversationsService,
    private readonly contacts: ContactsService,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  async execute({ effect, run, row }: EffectExecution<'hand_over'>): Promise<EffectRecord> {
    const assigneeUserId = await this.assignment.resolve(
      run.accountId,
      effect.assignTo === 'nobody' ? null : effect.assignTo === 'round_robin' ? 'round_robin' : effect.assigneeUserId,
    );
    const until = effect.pauseMinutes > 0 ? new Date(Date.now() + effect.pauseMinutes * 60_000) : null;
    return async (manager) => {
      await this.conversations.pauseAutomation(run.accountId, run.contactId, { until, handoverRunId: run.id, assigneeUserId }, manager);
      const contact = await this.contacts.getById(run.contactId, manager);
      const recorded = await this.webhookEvents.record(
        {
          accountId: run.accountId,
          type: 'handover_requested',
          orderingKey: `contact:${run.contactId}`,
          payload: {
            flow_id: run.flowId,
            run_id: run.id,
            node_id: row.nodeId,
            contact_id: run.contactId,
            sender_id: contact.igUserId,
            sender_username: contact.username,
            assignee_user_id: assigneeUserId,
            paused_until: until?.toISOString() ?? null,
            note: effect.note,
            timestamp: formatWebhookTimestamp(new Date()),
          },
          occurredAt: row.createdAt,
        },
        manager,
      );
      return { webhook_event_id: recorded.id, assignee_user_id: assigneeUserId };
    };
  }
}
