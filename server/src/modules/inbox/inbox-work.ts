import type { InboundEvent, InstagramWebhookEvent } from '@dmflow/shared';
import type { EntityManager } from 'typeorm';

/** A stored event handed to its worker by InboxService.claim, under the row's lock. */
export interface ClaimedInboxEvent {
  id: string;
  /** entry[].id: the connected Instagram professional account the event is for. */
  igAccountId: string;
  occurredAt: Date;
  /** null when the event lacks what its kind needs: the worker skips it. */
  inbound: InboundEvent | null;
  /** Meta's event as sent, for the outgoing webhook bodies that carry it; never parsed again. */
  raw: InstagramWebhookEvent;
  /** Set when an earlier attempt already recorded the event: the contact is upserted, its webhook event written. */
  recordedContactId: string | null;
}

/** Marks the row processed with `outcome` inside `manager`'s transaction (the run step the event caused). */
export type MarkProcessedWithin = (manager: EntityManager, outcome: string) => Promise<void>;

/** What the worker decided in the locked transaction. */
export type InboxWorkStep =
  | { skip: string }
  | {
      /** The contact the event was recorded for. */
      recorded: string;
      /** Runs after the record commits; returns the outcome stored on the row. */
      process: (markProcessedWithin: MarkProcessedWithin) => Promise<string>;
    };

export type InboxWork = (manager: EntityManager, event: ClaimedInboxEvent) => Promise<InboxWorkStep>;
