import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../core/errors/domain-error';
import { EngineService } from '../engine/engine.service';
import { FlowVersionsService } from '../flows/flow-versions.service';
import { SendReconciliationPending } from '../messaging/messaging.errors';
import { MessagingService } from '../messaging/messaging.service';
import { QUEUED_SEND_RETRY } from '../messaging/retry-policy';
import { SEND_LIMITS } from '../messaging/send-limits';
import { BroadcastsStore, type PendingRecipient } from './broadcasts.store';
import type { Broadcast } from './entities/broadcast.entity';
import { SendPacer } from './send-pacer';

/** How long a worker holds a broadcast between renewals; a crashed worker's broadcast is taken over after it. */
export const BROADCAST_LEASE_MS = 30_000;
/** Recipients per batch: about one second of sends, so a pause or cancel takes effect within a second or so. */
const MAX_BATCH = 100;
/** Sends awaiting Meta's answer at once; the pacer, not this, sets the rate. */
const MAX_IN_FLIGHT = 32;
/** A send may wait this long for the per-account limiter, which flows' sends share with the broadcast. */
const LIMITER_WAIT_MS = 30_000;

type Outcome = 'settled' | 'deferred';

/** The idempotency key of a broadcast's one message to one contact: a resumed broadcast never sends it twice. */
export const broadcastSendKey = (broadcastId: string, contactId: string) => `broadcast:${broadcastId}:${contactId}`;

/**
 * Sends one broadcast under a lease: freezes the segment into recipient rows once, then works through the pending
 * rows in batches, paced under the Instagram account's send limit. Each row settles once (sent, skipped with the
 * reason, failed); a message goes through MessagingService with a per-recipient idempotency key, and a flow start
 * marks its row in the run's own transaction, so a crash and a takeover never send twice. A pause or cancel is
 * seen at the next batch, when the lease is renewed.
 */
@Injectable()
export class BroadcastSender {
  private readonly logger = new Logger(BroadcastSender.name);

  constructor(
    private readonly store: BroadcastsStore,
    private readonly messaging: MessagingService,
    private readonly engine: EngineService,
    private readonly flows: FlowVersionsService,
  ) {}

  /** Sends the next due broadcast, if any; returns how many recipients it settled. */
  async sendDue(): Promise<number> {
    const broadcast = await this.store.claimDue(BROADCAST_LEASE_MS);
    if (!broadcast) return 0;
    const segment = await this.store.findSegment(broadcast.accountId, broadcast.segmentId);
    await this.store.freezeRecipients(broadcast, segment?.filter ?? {});
    const flowVersionId = broadcast.flowId ? await this.publishedVersionOf(broadcast) : null;
    const perSecond = Math.min(broadcast.sendsPerSecond, SEND_LIMITS.text.limit);
    const pacer = new SendPacer(perSecond);
    const batchSize = Math.min(MAX_BATCH, perSecond);
    let settled = 0;
    while (await this.store.renewLease(broadcast.id, BROADCAST_LEASE_MS)) {
      const batch = await this.store.pendingBatch(broadcast.id, batchSize);
      if (!batch.length) {
        await this.store.completeIfDone(broadcast.id);
        break;
      }
      const outcomes = await this.sendBatch(batch, pacer, (recipient) => this.deliver(broadcast, flowVersionId, recipient));
      const done = outcomes.filter((outcome) => outcome === 'settled').length;
      settled += done;
      // Only sends still being reconciled with Meta are left: try them when the lease has run out.
      if (!done) break;
    }
    return settled;
  }

  private async sendBatch(
    batch: PendingRecipient[],
    pacer: SendPacer,
    deliver: (recipient: PendingRecipient) => Promise<Outcome>,
  ): Promise<Outcome[]> {
    const inFlight = new Set<Promise<Outcome>>();
    const all: Array<Promise<Outcome>> = [];
    for (const recipient of batch) {
      if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      await pacer.slot();
      const sending = deliver(recipient);
      inFlight.add(sending);
      all.push(sending);
      void sending.finally(() => inFlight.delete(sending));
    }
    return Promise.all(all);
  }

  private async deliver(broadcast: Broadcast, flowVersionId: string | null, recipient: PendingRecipient): Promise<Outcome> {
    const mark = (status: 'sent' | 'skipped' | 'failed', reason: string | null) =>
      this.store.markRecipient(broadcast.id, recipient.contactId, status, reason);
    try {
      if (recipient.unsubscribed) await mark('skipped', 'unsubscribed');
      else if (broadcast.message) await this.sendMessage(broadcast, broadcast.message.text, recipient, mark);
      else if (flowVersionId) await this.startFlow(broadcast, flowVersionId, recipient, mark);
      else await mark('failed', 'the flow is not published');
      return 'settled';
    } catch (error) {
      if (error instanceof SendReconciliationPending) return 'deferred';
      this.logger.warn({
        msg: 'broadcast send failed',
        broadcastId: broadcast.id,
        contactId: recipient.contactId,
        error: (error as Error).message,
      });
      await mark('failed', (error as Error).message.slice(0, 500));
      return 'settled';
    }
  }

  private async sendMessage(
    broadcast: Broadcast,
    text: string,
    recipient: PendingRecipient,
    mark: (status: 'sent' | 'skipped', reason: string | null) => Promise<void>,
  ): Promise<void> {
    try {
      await this.messaging.send({
        instagramAccountId: broadcast.instagramAccountId,
        recipient: { id: recipient.igUserId },
        message: { text },
        idempotencyKey: broadcastSendKey(broadcast.id, recipient.contactId),
        retry: QUEUED_SEND_RETRY,
        maxLimiterWaitMs: LIMITER_WAIT_MS,
        reconcileInDoubt: true,
      });
    } catch (error) {
      // The window closed between freezing the recipients and this send.
      if (error instanceof DomainError && error.code === 'messaging_window_closed') return mark('skipped', 'outside_24h_window');
      throw error;
    }
    await mark('sent', null);
  }

  private async startFlow(
    broadcast: Broadcast,
    flowVersionId: string,
    recipient: PendingRecipient,
    mark: (status: 'skipped', reason: string | null) => Promise<void>,
  ): Promise<void> {
    const outcome = await this.engine.startRun({
      flowVersionId,
      contactId: recipient.contactId,
      trigger: { kind: 'manual' },
      alongside: (manager) => this.store.markRecipient(broadcast.id, recipient.contactId, 'sent', null, manager),
    });
    if (!outcome.started) await mark('skipped', outcome.reason);
  }

  private async publishedVersionOf(broadcast: Broadcast): Promise<string | null> {
    const flow = await this.flows.findFlow(broadcast.accountId, broadcast.flowId as string);
    return flow && !flow.deletedAt ? flow.publishedVersionId : null;
  }
}
