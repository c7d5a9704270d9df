import { commentWebhook, dmWebhook, MetaWebhookSender } from '@dmflow/sandbox';
import type { LeadGenTarget } from './lead-gen-flow';
import type { ScenarioObserver } from './observer';

/** One contact's walk through the lead-gen flow; times are epoch milliseconds, absent = did not happen. */
export interface ContactTimeline {
  index: number;
  /** The commenter's IGSID (comment `from.id`, DM `sender.id`, flow_completed `sender_id`). */
  igUserId: string;
  username: string;
  commentId: string;
  answerMid: string;
  /** The Instagram account (ig_user_id) the contact talks to. */
  accountIgUserId: string;
  commentPostedAt?: number;
  commentAckedAt?: number;
  /** POSTs of the comment webhook until one was answered 200 (Meta retries). */
  commentAttempts: number;
  privateReplyAt?: number;
  answerPostedAt?: number;
  answerAckedAt?: number;
  answerAttempts: number;
  flowCompletedAt?: number;
  /** Why the contact did not finish (the step that timed out or failed). */
  error?: string;
}

export interface TrafficOptions {
  contacts: number;
  /** Contacts in progress at once (closed loop). Default 100. */
  maxInFlight?: number;
  /** Open loop: start at most this many contacts per second (still capped by maxInFlight). Default: no pacing. */
  ratePerSecond?: number;
  /** Longest wait for each step (ack, private reply, flow_completed). Default 120 s. */
  stepTimeoutMs?: number;
  /** Prefix of comment ids, IGSIDs and mids; unique per run so runs never collide. Default random. */
  idPrefix?: string;
  /** The DM answer of contact `index`. Default `lead<index>@example.com`. */
  answerFor?: (index: number) => string;
  /** Called as each contact finishes or fails (progress, live charts). */
  onContactDone?: (contact: ContactTimeline) => void;
}

export interface TrafficResult {
  startedAt: number;
  endedAt: number;
  contacts: ContactTimeline[];
}

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000];

/** Posts `payload` like Meta: retried (same bytes) on an error or a non-200 until answered 200 or `deadline`. */
async function postUntilAcked(
  sender: MetaWebhookSender,
  payload: string,
  deadline: number,
): Promise<{ ackedAt: number; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    let failure: string;
    try {
      const delivery = await sender.post(payload);
      if (delivery.status === 200) return { ackedAt: Date.now(), attempts };
      failure = `status ${delivery.status}: ${JSON.stringify(delivery.body).slice(0, 200)}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    const pause = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)];
    if (Date.now() + pause > deadline) throw new Error(`not acknowledged after ${attempts} attempt(s): ${failure}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * For each contact: posts its keyword comment (signed, retried until acked), waits for the private reply at the
 * sandbox, posts the DM answer, and waits for its flow_completed at the receiver. Contacts are spread round-robin
 * over `targets` (Instagram allows 750 private replies per account per hour, so big runs need several accounts).
 */
export async function driveLeadGenTraffic(
  server: { url: string; appSecret: string },
  targets: LeadGenTarget[],
  observer: ScenarioObserver,
  options: TrafficOptions,
): Promise<TrafficResult> {
  if (!targets.length) throw new Error('driveLeadGenTraffic needs at least one target');
  const sender = new MetaWebhookSender(server.url, server.appSecret);
  const prefix = options.idPrefix ?? `load${Math.random().toString(36).slice(2, 8)}`;
  const stepTimeoutMs = options.stepTimeoutMs ?? 120_000;
  const answerFor = options.answerFor ?? ((index: number) => `lead${index}@example.com`);
  const maxInFlight = Math.max(1, options.maxInFlight ?? 100);
  const contacts: ContactTimeline[] = [];
  const startedAt = Date.now();
  let next = 0;

  const walk = async (contact: ContactTimeline, target: LeadGenTarget): Promise<void> => {
    const comment = JSON.stringify(
      commentWebhook({
        igUserId: target.tenant.igUserId,
        text: `How much is it? ${target.keyword}`,
        commentId: contact.commentId,
        fromId: contact.igUserId,
        username: contact.username,
      }),
    );
    contact.commentPostedAt = Date.now();
    const commentAck = await postUntilAcked(sender, comment, contact.commentPostedAt + stepTimeoutMs);
    contact.commentAckedAt = commentAck.ackedAt;
    contact.commentAttempts = commentAck.attempts;

    contact.privateReplyAt = await observer.privateReplySent(contact.commentId, stepTimeoutMs);

    const answer = JSON.stringify(
      dmWebhook({ igUserId: target.tenant.igUserId, senderId: contact.igUserId, text: answerFor(contact.index), mid: contact.answerMid }),
    );
    contact.answerPostedAt = Date.now();
    const answerAck = await postUntilAcked(sender, answer, contact.answerPostedAt + stepTimeoutMs);
    contact.answerAckedAt = answerAck.ackedAt;
    contact.answerAttempts = answerAck.attempts;

    contact.flowCompletedAt = await observer.flowCompleted(contact.igUserId, stepTimeoutMs);
  };

  const lane = async (): Promise<void> => {
    while (next < options.contacts) {
      const index = next++;
      if (options.ratePerSecond) {
        const due = startedAt + (index * 1000) / options.ratePerSecond;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      const target = targets[index % targets.length];
      const contact: ContactTimeline = {
        index,
        igUserId: `${prefix}u${index}`,
        username: `lead_${index}`,
        commentId: `${prefix}c${index}`,
        answerMid: `${prefix}m${index}`,
        accountIgUserId: target.tenant.igUserId,
        commentAttempts: 0,
        answerAttempts: 0,
      };
      contacts.push(contact);
      try {
        await walk(contact, target);
      } catch (error) {
        contact.error = (error as Error).message;
      }
      options.onContactDone?.(contact);
    }
  };

  await Promise.all(Array.from({ length: Math.min(maxInFlight, options.contacts) }, lane));
  contacts.sort((a, b) => a.index - b.index);
  return { startedAt, endedAt: Date.now(), contacts };
}
