import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FaultPoints, InjectFaultPoints } from '../../core/faults/fault-points';
import { AccountsService } from '../accounts/accounts.service';
import type { InstagramAccount } from '../accounts/entities/instagram-account.entity';
import { ContactsService } from '../contacts/contacts.service';
import { AlongsideRunStep, EngineService } from '../engine/engine.service';
import { InboxEvent } from '../inbox/entities/inbox-event.entity';
import { InboxEventAlreadyProcessed, InboxService } from '../inbox/inbox.service';
import { WebhookEventsService } from '../webhooks/webhook-events.service';
import { chooseTrigger } from './choose-trigger';
import { FlowTriggersService } from './flow-triggers.service';
import { flowIdNamedBy, InboundEvent, opensMessagingWindow, readInboundEvent, triggerContextFor, triggerInputs } from './inbound-event';
import { NextPostBinder } from './next-post-binder';
import { outgoingEventFor } from './outgoing-event';

type FirstStep = { next: 'route'; inbound: InboundEvent; instagramAccount: InstagramAccount; contactId: string } | { next: 'done' };

/**
 * Works on one inbox row in two steps, each safe to repeat after a crash:
 * 1. in one transaction: upsert the contact, write the outgoing webhook event, mark the row `recorded`;
 * 2. route: a run waiting for this contact's input takes a message or postback; otherwise the event may start
 *    the flow whose trigger it matches. The row becomes `processed` with the outcome in the same transaction as
 *    the run step it caused, so a replay after a crash finds it processed and never applies it twice.
 */
@Injectable()
export class InboundRouterService {
  private readonly logger = new Logger(InboundRouterService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbox: InboxService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly webhookEvents: WebhookEventsService,
    private readonly triggers: FlowTriggersService,
    private readonly nextPost: NextPostBinder,
    private readonly engine: EngineService,
    @InjectFaultPoints() private readonly faults: FaultPoints,
  ) {}

  async process(inboxEventId: string, finalAttempt: boolean): Promise<void> {
    try {
      const step = await this.dataSource.transaction((manager) => this.record(manager, inboxEventId));
      if (step.next !== 'route') return;
      const outcome = await this.route(inboxEventId, step);
      await this.faults.reached('after-routing');
      // Outcomes that changed no run (no trigger matched, run in progress) are marked here; repeating them is harmless.
      await this.inbox.markProcessed(inboxEventId, outcome);
    } catch (error) {
      if (error instanceof InboxEventAlreadyProcessed) return;
      await this.inbox.markAttemptFailed(inboxEventId, (error as Error).message, finalAttempt);
      throw error;
    }
  }

  private async record(manager: EntityManager, inboxEventId: string): Promise<FirstStep> {
    const row = await this.inbox.lockPending(manager, inboxEventId);
    if (!row || (row.status !== 'pending' && row.status !== 'recorded')) return { next: 'done' };
    const inbound = readInboundEvent(row.kind, row.event);
    if (!inbound) return this.skip(manager, row, 'unreadable_event');
    const instagramAccount = await this.accounts.findInstagramAccountByIgUserId(row.igAccountId);
    if (!instagramAccount) return this.skip(manager, row, 'unknown_instagram_account');
    if (row.status === 'recorded' && row.contactId) return { next: 'route', inbound, instagramAccount, contactId: row.contactId };

    const contact = await this.contacts.upsertSeen(
      {
        accountId: instagramAccount.accountId,
        instagramAccountId: instagramAccount.id,
        igUserId: inbound.senderId,
        username: inbound.kind === 'comment' || inbound.kind === 'live_comment' ? inbound.username : null,
        seenAt: row.occurredAt,
        opensMessagingWindow: opensMessagingWindow(inbound),
      },
      manager,
    );
    await this.webhookEvents.record({ accountId: instagramAccount.accountId, orderingKey: `contact:${contact.id}`, occurredAt: row.occurredAt, ...outgoingEventFor(row.event, inbound, contact.id) }, manager);
    await this.inbox.markRecorded(manager, row.id, contact.id);
    return { next: 'route', inbound, instagramAccount, contactId: contact.id };
  }

  private async skip(manager: EntityManager, row: InboxEvent, reason: string): Promise<FirstStep> {
    await this.inbox.markSkipped(row.id, reason, manager);
    this.logger.log({ msg: 'inbox event skipped', inbox_event_id: row.id, reason });
    return { next: 'done' };
  }

  /** Returns the outcome stored on the row, e.g. `answered:<runId>` or `started:<runId>:<flowId>`. */
  private async route(inboxEventId: string, { inbound, instagramAccount, contactId }: Extract<FirstStep, { next: 'route' }>): Promise<string> {
    const markProcessed =
      (outcome: (runId: string) => string): AlongsideRunStep =>
      (manager, runId) =>
        this.inbox.markProcessedWithin(manager, inboxEventId, outcome(runId));
    if (inbound.kind === 'message' || inbound.kind === 'postback') {
      const answered = markProcessed((runId) => `answered:${runId}`);
      const delivery =
        inbound.kind === 'message'
          ? await this.engine.deliverMessage(contactId, { text: inbound.text, quickReplyPayload: inbound.quickReplyPayload ?? undefined, mid: inbound.mid ?? undefined }, answered)
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
      trigger: triggerContextFor(inbound),
      alongside: markProcessed((runId) => `started:${runId}:${chosen.flowId}`),
    });
    return outcome.started ? `started:${outcome.runId}:${chosen.flowId}` : `${outcome.reason}:${outcome.runId}:${chosen.flowId}`;
  }
}
