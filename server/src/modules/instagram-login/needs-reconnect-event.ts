import {
  formatWebhookTimestamp,
  NEEDS_RECONNECT_MESSAGES,
  type InstagramAccountNeedsReconnectPayload,
  type NeedsReconnectReason,
} from '@dmflow/shared';
import type { EntityManager } from 'typeorm';
import type { ConnectedInstagramAccount } from '../accounts/instagram-accounts.service';
import type { WebhookEventsService } from '../webhooks/webhook-events.service';

/** Tells the workspace, through its webhooks, that an Instagram account stopped sending until someone reconnects it. */
export async function recordNeedsReconnect(
  webhookEvents: WebhookEventsService,
  instagramAccount: ConnectedInstagramAccount,
  reason: NeedsReconnectReason,
  manager: EntityManager,
): Promise<void> {
  const occurredAt = new Date();
  const payload: InstagramAccountNeedsReconnectPayload = {
    instagram_account_id: instagramAccount.id,
    ig_user_id: instagramAccount.igUserId,
    username: instagramAccount.username,
    reason,
    message: NEEDS_RECONNECT_MESSAGES[reason],
    occurred_at: formatWebhookTimestamp(occurredAt),
  };
  await webhookEvents.record(
    {
      accountId: instagramAccount.accountId,
      type: 'instagram_account_needs_reconnect',
      orderingKey: `instagram:${instagramAccount.id}`,
      payload: { ...payload },
      occurredAt,
    },
    manager,
  );
}
