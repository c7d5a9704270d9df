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
  /**
   * Set for a row an older version left `recorded` (contact upserted, webhook event written, run step not yet
   * taken): the worker does not record it again.
   */
  recordedContactId: string | null;
}

/** What the worker did with the event inside the claim's transaction; the row's status commits with it. */
export type InboxWorkResult =
  | { skip: string }
  | {
      /** The contact the event was recorded for. */
      contactId: string;
      /** Stored on the row, which becomes `processed` in the same transaction, e.g. `answered:<runId>`. */
      outcome: string;
      /**
       * Runs on the same worker right after the commit, before the lane's next event (e.g. the run step's first
       * effects); it must not throw: what it leaves undone has to be safe in Postgres already (the outbox).
       */
      afterCommit?: () => Promise<void>;
    };

export type InboxWork = (manager: EntityManager, event: ClaimedInboxEvent) => Promise<InboxWorkResult>;
