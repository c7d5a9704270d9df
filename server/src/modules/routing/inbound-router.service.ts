import {
  flowIdNamedBy,
  opensMessagingWindow,
  refOf,
  startsFromComment,
  triggerContextFor,
  triggerInputs,
  type InboundEvent,
  type TriggerContext,
} from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FaultPoints, InjectFaultPoints } from '../../core/faults/fault-points';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { type ContactRecord, ContactsService } from '../contacts/contacts.service';
import { OptOutService } from '../contacts/opt-out/opt-out.service';
import { ConversationsService } from '../conversations/conversations.service';
import { EngineService } from '../engine/engine.service';
import { InboxService } from '../inbox/inbox.service';
import type { ClaimedInboxEvent, InboxWorkResult } from '../inbox/inbox-work';
import { WebhookEventsService } from '../webhooks/webhook-events.service';
import { chooseTrigger } from './choose-trigger';
import { FlowTriggersService } from './flow-triggers.service';
import { NextPostBinder } from './next-post-binder';
import { outgoingEventFor } from './outgoing-event';

/** The contact as the event's own statements left it (upserted and locked), and whether automation is paused for them. */
interface RecordedContact {
  contact: ContactRecord;
  /** null: not known from recording (an event recorded before, or by an older version): asked separately. */
  automationPaused: boolean | null;
}

interface Recorded extends RecordedContact {
  inbound: InboundEvent;
  instagramAccount: ConnectedInstagramAccount;
  occurredAt: Date;
}

/** What routing did: the outcome stored on the inbox row, and the run whose step wrote effects to execute. */
interface Routed {
  outcome: string;
  runWithEffects: string | null;
}

/** The run's trigger; a comment's time (Meta's notification time) bounds the private reply's 7-day window at send time. */
function triggerOf(inbound: InboundEvent, occurredAt: Date): TriggerContext {
  const trigger = triggerContextFor(inbound);
  return startsFromComment(trigger.kind) ? { ...trigger, commentedAt: occurredAt.toISOString() } : trigger;
}

/**
 * Works on one inbox row, claimed from the inbox (which keeps the row's status; see InboxService.claimInLane), in
 * the claim's one transaction, so a replay after a crash finds the event either wholly applied or not at all:
 * record (upsert the contact, write the outgoing webhook event), then route: a run waiting for this contact's input
 * takes a message or postback; otherwise the event may start the flow whose trigger it matches. After the commit
 * the run step's effects are executed on this worker at once (their outbox rows are the safety net).
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
    private readonly optOut: OptOutService,
    @InjectFaultPoints() private readonly faults: FaultPoints,
  ) {}

  process(inboxEventId: string, finalAttempt: boolean): Promise<void> {
    return this.inbox.claimInLane(inboxEventId, finalAttempt, (manager, event) => this.apply(manager, event));
  }

  private async apply(manager: EntityManager, event: ClaimedInboxEvent): Promise<InboxWorkResult> {
    const { inbound } = event;
    if (!inbound) return { skip: 'unreadable_event' };
    const instagramAccount = await this.instagramAccounts.connectedInstagramAccountByIgUserId(event.igAccountId);
    if (!instagramAccount) return { skip: 'unknown_instagram_account' };
    const recorded: RecordedContact = event.recordedContactId
      ? { contact: await this.contacts.getById(event.recordedContactId, manager), automationPaused: null }
      : await this.recordContact(manager, event, inbound, instagramAccount);
    const routed = await this.route(manager, { inbound, instagramAccount, ...recorded, occurredAt: event.occurredAt });
    // The run's first send is claimed with the event: one commit fewer before Meta is called.
    const taken = routed.runWithEffects ? await this.engine.takeEffectsWithin(manager, routed.runWithEffects) : null;
    return {
      contactId: recorded.contact.id,
      outcome: routed.outcome,
      afterCommit: async () => {
        if (routed.runWithEffects) await this.engine.executeEffects(routed.runWithEffects, taken);
        await this.faults.reached('after-routing');
      },
    };
  }

  /** Upserts the contact, adds the message to their conversation and writes the outgoing webhook event. */
  private async recordContact(
    manager: EntityManager,
    event: ClaimedInboxEvent,
    inbound: InboundEvent,
    instagramAccount: ConnectedInstagramAccount,
  ): Promise<RecordedContact> {
    const contact = await this.contacts.upsertSeen(
      {
        accountId: instagramAccount.accountId,
        instagramAccountId: instagramAccount.id,
        igUserId: inbound.senderId,
        username: inbound.kind === 'comment' || inbound.kind === 'live_comment' || inbound.kind === 'mention' ? inbound.username : null,
        seenAt: event.occurredAt,
        opensMessagingWindow: opensMessagingWindow(inbound),
      },
      manager,
    );
    await this.rememberRef(manager, contact.id, inbound);
    const message = await this.conversations.recordInbound(
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
    return { contact, automationPaused: message?.automationPaused ?? null };
  }

  /** The ig.me link's `ref` is saved on the contact (variable `ref`), so conditions and templates can use it. */
  private async rememberRef(manager: EntityManager, contactId: string, inbound: InboundEvent): Promise<void> {
    const ref = refOf(inbound);
    if (ref) await this.contacts.mergeTagsAndVariables(contactId, { addTags: [], removeTags: [], setVariables: { ref } }, manager);
  }

  /**
   * A person handed over to a human (live chat): no flow starts and a waiting run does not take their messages; the
   * message is already in their conversation for the team. Known from recording the message, else asked.
   */
  private async automationPaused(manager: EntityManager, { contact, automationPaused }: RecordedContact): Promise<boolean> {
    return automationPaused ?? (await this.conversations.isAutomationPaused(contact.id, manager));
  }

  /** The outcome stored on the row is e.g. `answered:<runId>` or `started:<runId>:<flowId>`. */
  private async route(manager: EntityManager, recorded: Recorded): Promise<Routed> {
    const { inbound, instagramAccount, contact, occurredAt } = recorded;
    const contactId = contact.id;
    // Opt-out first: a stop keyword is never anyone's answer, and an opted-out contact starts nothing.
    const optOut = await this.optOut.applyInbound(
      manager,
      await this.triggers.optOutKeywords(instagramAccount.accountId),
      contact,
      inbound.kind === 'message' ? inbound.text : null,
    );
    if (optOut !== 'route') return { outcome: optOut, runWithEffects: null };
    if (await this.automationPaused(manager, recorded)) return { outcome: 'automation_paused', runWithEffects: null };
    if (inbound.kind === 'message' || inbound.kind === 'postback') {
      const { outcome: delivery, effectsPending } =
        inbound.kind === 'message'
          ? await this.engine.deliverMessageWithin(manager, contactId, {
              text: inbound.text,
              quickReplyPayload: inbound.quickReplyPayload ?? undefined,
              mid: inbound.mid ?? undefined,
              attachments: inbound.attachments,
            })
          : await this.engine.deliverPostbackWithin(manager, contactId, { payload: inbound.payload, title: inbound.title ?? undefined });
      // A run that only noted the message (not consumed) wrote no effects: the triggers may still use it.
      if (delivery.delivered && delivery.consumed) {
        return { outcome: `answered:${delivery.runId}`, runWithEffects: effectsPending ? delivery.runId : null };
      }
    }
    const live = await this.triggers.candidates(instagramAccount.accountId, instagramAccount.id);
    const candidates = inbound.kind === 'comment' ? await this.nextPost.bind(live, instagramAccount, inbound.mediaId) : live;
    const chosen = chooseTrigger(candidates, triggerInputs(inbound), inbound.kind === 'postback' ? flowIdNamedBy(inbound.payload) : null);
    if (!chosen) return { outcome: 'no_trigger_matched', runWithEffects: null };
    const { outcome, effectsPending } = await this.engine.startRunWithin(manager, {
      flowVersionId: chosen.flowVersionId,
      contactId,
      trigger: triggerOf(inbound, occurredAt),
      // Read by this transaction's account lookup: the run starts with the account's clock as it is now.
      account: { timeZone: instagramAccount.timeZone, locale: instagramAccount.locale },
    });
    return outcome.started
      ? { outcome: `started:${outcome.runId}:${chosen.flowId}`, runWithEffects: effectsPending ? outcome.runId : null }
      : { outcome: `${outcome.reason}:${outcome.runId}:${chosen.flowId}`, runWithEffects: null };
  }
}
