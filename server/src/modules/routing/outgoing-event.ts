import { flowIdNamedBy, type InboundEvent, type InstagramWebhookEvent } from '@dmflow/shared';
import type { NewWebhookEvent } from '../webhooks/webhook-events.service';

/**
 * The outgoing webhook event for an inbound Instagram event, in InstantDM's shapes: `comment` and `dm_received`
 * carry the raw Instagram event; `postback` adds `idm_optimized_body` with the resolved contact and flow.
 */
export function outgoingEventFor(
  raw: InstagramWebhookEvent,
  inbound: InboundEvent,
  contactId: string,
): Pick<NewWebhookEvent, 'type' | 'payload'> {
  const payload: Record<string, unknown> = { ...raw };
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment':
    case 'mention':
      return { type: 'comment', payload };
    // A story mention is a DM with an attachment; an opened ig.me link shows as the conversation's first event.
    case 'message':
    case 'story_mention':
    case 'referral':
      return { type: 'dm_received', payload };
    case 'postback':
      return {
        type: 'postback',
        payload: {
          ...payload,
          idm_optimized_body: { user_id: contactId, flow_id: flowIdNamedBy(inbound.payload), sender_id: inbound.senderId },
        },
      };
  }
}
