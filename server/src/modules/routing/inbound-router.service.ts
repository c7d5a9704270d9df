import {
  flowIdNamedBy,
  opensMessagingWindow,
  triggerContextFor,
  triggerInputs,
  type InboundEvent,
  type TriggerContext,
} from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FaultPoints, InjectFaultPoints } from '../../core/faults/fault-points';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { ContactsService } from '../contacts/contacts.service';
import { ConversationsService } from '../conversations/conversations.service';
import { AlongsideRunStep, EngineService } from '../engine/engine.service';
import { InboxService } from '../inbox/inbox.service';
import type { ClaimedInboxEvent, InboxWorkStep, MarkProcessedWithin } from '../inbox/inbox-work';
import { WebhookEventsService } from '../webhooks/webhook-events.service';
import { chooseTrigger } from './choose-trigger';
import { FlowTriggersService } from './flow-triggers.service';
import { NextPostBinder } from './next-post-binder';
import { outgoingEventFor } from './outgoing-event';

interface Recorded {
  inbound: InboundEvent;
  instagramAccount: ConnectedInstagramAccount;
  contactId: string;
  occurredAt: Date;
}

/** The run's trigger; a comment's time (Meta's notification time) bounds the private reply's 7-day window at send time. */
function triggerOf(inbound: InboundEvent, occurredAt: Date): TriggerContext {
  const trigger = triggerContextFor(inbound);
  return inbound.kind === 'comment' || inbound.kind === 'live_comment' ? { ...trigger, commentedAt: occurredAt.toISOString() } : trigger;
}

/**
 * Works on one inbox row, claimed from the inbox (which keeps the row's status; see InboxService.claim), in two
 * steps, each safe to repeat after a crash:
 * 1. record, in the claim's transaction: upsert the contact, write the outgoing webhook event;
 * 2. route: a run waiting for this contact's input takes a message or postback; otherwise the event may start
 *    the flow whose trigger it matches. The row's `processed` mark rides in the transaction of the run step it
 *    caused, so a replay after a crash finds it processed and never applies it twice.
 */
@Injectable()
export class InboundRouterService {
  constructor(
    private readonly inbox: InboxService,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly webhookEvents: WebhookEventsService,
    private readonly triggers: FlowTriggersService,
    private readonly nextPost: NextPostBinder,
    private readonly engine: EngineService,
    @InjectFaultPoints() private readonly faults: FaultPoints,
  ) {}

  process(inboxEventId: string, finalAttempt: boolean): Promise<void> {
    return this.inbox.claimInLane(inboxEventId, finalAttempt, (manager, event) => this.record(manager, event));
  }

  private async record(manager: EntityManager, event: ClaimedInboxEvent): Promise<InboxWorkStep> {
    const { inbound } = event;
    if (!inbound) return { skip: 'unreadable_event' };
    const instagramAccount = await this.instagramAccounts.findInstagramAccountByIgUserId(event.igAccountId);
    if (!instagramAccount) return { skip: 'unknown_instagram_account' };
    const contactId = event.recordedContactId ?? (await this.recordContact(manager, event, inbound, instagramAccount));
    return {
      recorded: contactId,
      process: async (markProcessedWithin) => {
        const outcome = await this.route({ inbound, instagramAccount, contactId, occurredAt: event.occurredAt }, markProcessedWithin);
        await this.faults.reached('after-routing');
        return outcome;
      },
    };
  }

  /** Upserts the contact, adds the message to their conversation and writes the outgoing webhook event; returns the contact's id. */
  private async recordContact(
    manager: EntityManager,
    event: ClaimedInboxEvent,
    inbound: InboundEvent,
    instagramAccount: ConnectedInstagramAccount,
  ): Promise<string> {
    const contact = await this.contacts.upsertSeen(
      {
        accountId: instagramAccount.accountId,
        instagramAccountId: instagramAccount.id,
        igUserId: inbound.senderId,
        username: inbound.kind === 'comment' || inbound.kind === 'live_comment' ? inbound.username : null,
        seenAt: event.occurredAt,
        opensMessagingWindow: opensMessagingWindow(inbound),
      },
      manager,
    );
    await this.conversations.recordInbound(
      {
        accountId: instagramAccount.accountId,
        contactId: contact.id,
        inbound,
        raw: event.raw,
        inboxEventId: event.id,
        occurredAt: event.occurredAt,
      },
      manager,
    );
    await this.webhookEvents.record(
      {
        accountId: instagramAccount.accountId,
        orderingKey: `contact:${contact.id}`,
        occurredAt: event.occurredAt,
        ...outgoingEventFor(event.raw, inbound, contact.id),
      },
      manager,
    );
    return contact.id;
  }

  /**
   * A person handed over to a human (live chat): no flow starts and a waiting run does not take their messages; the
   * message is already in their conversation for the team.
   */
  private automationPaused(contactId: string): Promise<boolean> {
    return this.conversations.isAutomationPaused(contactId);
  }

  /** Returns the outcome stored on the row, e.g. `answered:<runId>` or `started:<runId>:<flowId>`. */
  private async route(
    { inbound, instagramAccount, contactId, occurredAt }: Recorded,
    markProcessedWithin: MarkProcessedWithin,
  ): Promise<string> {
    if (await this.automationPaused(contactId)) return 'automation_paused';
    const markProcessed =
      (outcome: (runId: string) => string): AlongsideRunStep =>
      (manager, runId) =>
        markProcessedWithin(manager, outcome(runId));
    if (inbound.kind === 'message' || inbound.kind === 'postback') {
      const answered = markProcessed((runId) => `answered:${runId}`);
      const delivery =
        inbound.kind === 'message'
          ? await this.engine.deliverMessage(
              contactId,
              { text: inbound.text, quickReplyPayload: inbound.quickReplyPayload ?? undefined, mid: inbound.mid ?? undefined },
              answered,
            )
          : await this.engine.deliverPostback(contactId, { payload: inbound.payload, title: inbound.title ?? undefined }, answered);
      if (delivery.delivered && delivery.consumed) return `answered:${delivery.runId}`;
    }
    const live = await this.triggers.candidates(instagramAccount.accountId, instagramAccount.id);
    const candidates = inbound.kind === 'comment' ? await this.nextPost.bind(live, instagramAccount, inbound.mediaId) : live;
    const chosen = chooseTrigger(candidates, triggerInputs(inbound), inbound.kind === 'postback' ? flowIdNamedBy(inbound.payload) : null);
    if (!chosen) return 'no_trigger_matched';
    const outcome = await this.engine.startRun({
      flowVersionId: chosen.flowVersionId,
      contactId,
      trigger: triggerOf(inbound, occurredAt),
      alongside: markProcessed((runId) => `started:${runId}:${chosen.flowId}`),
    });
    return outcome.started ? `started:${outcome.runId}:${chosen.flowId}` : `${outcome.reason}:${outcome.runId}:${chosen.flowId}`;
  }
}
