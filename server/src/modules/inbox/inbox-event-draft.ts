import type { InboundEvent, InstagramEventKind, InstagramWebhookEvent } from '@dmflow/shared';

/** One event of a webhook batch, as the inbox stores it. `skipReason` set = stored for the record, never processed. */
export interface InboxEventDraft {
  igAccountId: string;
  dedupeKey: string;
  kind: InstagramEventKind;
  /** Meta's envelope cut down to this one event: kept for the outgoing webhook bodies, which carry it as sent. */
  event: InstagramWebhookEvent;
  /** What routing reads, normalized at the door; null when the event lacks what its kind needs. */
  inbound: InboundEvent | null;
  occurredAt: Date;
  skipReason: string | null;
}
