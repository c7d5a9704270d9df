import type { RecordedRequest } from '../harness';
import type { RecordedCall } from '@dmflow/sandbox';

/** What the observer reads: an in-process GraphSandbox and HttpRecorder satisfy these. */
export interface CallSource {
  calls(): RecordedCall[];
}
export interface RequestSource {
  requests: RecordedRequest[];
}

/** A flow_completed (or any) delivery as the receiver got it, parsed. */
export interface ReceivedDelivery {
  webhookId: string;
  eventType: string;
  receivedAt: number;
  body: Record<string, unknown>;
  request: RecordedRequest;
}

/** Everything the sandbox saw for one contact, in the order it arrived. */
export interface ContactCalls {
  publicReplies: RecordedCall[];
  privateReplies: RecordedCall[];
  directMessages: RecordedCall[];
}

const REPLIES_PATH = /^\/([^/]+)\/replies$/;
const MESSAGES_PATH = /\/messages$/;

type Waiter = { done: (at: number) => void; fail: (error: Error) => void; timer: NodeJS.Timeout };

/**
 * Indexes what reaches the Graph API sandbox (by comment id and by recipient IGSID) and the webhook receiver (by
 * X-Webhook-Id and by sender_id), polling both every `pollMs`, and wakes up whoever waits for one of them.
 * Times are the sandbox's and receiver's own arrival stamps, so the poll interval does not blur latencies.
 */
export class ScenarioObserver {
  private readonly publicReplies = new Map<string, RecordedCall[]>();
  private readonly privateReplies = new Map<string, RecordedCall[]>();
  private readonly directMessages = new Map<string, RecordedCall[]>();
  private readonly deliveries = new Map<string, ReceivedDelivery[]>();
  private readonly completedBySender = new Map<string, ReceivedDelivery[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private lastCallSequence = 0;
  private requestCursor = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sandbox: CallSource,
    private readonly receiver: RequestSource,
    pollMs = 20,
  ) {
    this.timer = setInterval(() => this.poll(), pollMs);
  }

  /** Resolves with when the first successful private reply to `commentId` reached the sandbox. */
  privateReplySent(commentId: string, timeoutMs: number): Promise<number> {
    return this.wait(`private:${commentId}`, timeoutMs, () => this.firstOk(this.privateReplies.get(commentId)));
  }

  /** Resolves with when the first successful DM to `igUserId` reached the sandbox. */
  directMessageSent(igUserId: string, timeoutMs: number): Promise<number> {
    return this.wait(`dm:${igUserId}`, timeoutMs, () => this.firstOk(this.directMessages.get(igUserId)));
  }

  /** Resolves with when the receiver first got a flow_completed whose sender_id is `igUserId`. */
  flowCompleted(igUserId: string, timeoutMs: number): Promise<number> {
    return this.wait(`completed:${igUserId}`, timeoutMs, () => this.completedBySender.get(igUserId)?.[0]?.receivedAt);
  }

  /** The sandbox calls for one contact: replies under `commentId`, private replies to it, DMs to `igUserId`. */
  callsFor(commentId: string, igUserId: string): ContactCalls {
    this.poll();
    return {
      publicReplies: [...(this.publicReplies.get(commentId) ?? [])],
      privateReplies: [...(this.privateReplies.get(commentId) ?? [])],
      directMessages: [...(this.directMessages.get(igUserId) ?? [])],
    };
  }

  /** Every delivery the receiver got, grouped by X-Webhook-Id (more than one per id = a redelivery). */
  deliveriesByWebhookId(): Map<string, ReceivedDelivery[]> {
    this.poll();
    return new Map([...this.deliveries].map(([id, list]) => [id, [...list]]));
  }

  /** flow_completed deliveries for one contact (by sender_id), in arrival order. */
  completionsFor(igUserId: string): ReceivedDelivery[] {
    this.poll();
    return [...(this.completedBySender.get(igUserId) ?? [])];
  }

  close(): void {
    clearInterval(this.timer);
    for (const [key, list] of this.waiters) for (const waiter of list) this.settle(waiter, key, new Error('observer closed'));
    this.waiters.clear();
  }

  private firstOk(calls: RecordedCall[] | undefined): number | undefined {
    const ok = calls?.find((call) => call.status === 200);
    return ok ? Date.parse(ok.at) : undefined;
  }

  private wait(key: string, timeoutMs: number, seen: () => number | undefined): Promise<number> {
    const already = seen();
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        done: resolve,
        fail: reject,
        timer: setTimeout(() => this.settle(waiter, key, new Error(`${key} not seen within ${timeoutMs} ms`)), timeoutMs),
      };
      this.waiters.set(key, [...(this.waiters.get(key) ?? []), waiter]);
    });
  }

  private settle(waiter: Waiter, key: string, outcome: number | Error): void {
    clearTimeout(waiter.timer);
    const rest = (this.waiters.get(key) ?? []).filter((other) => other !== waiter);
    if (rest.length) this.waiters.set(key, rest);
    else this.waiters.delete(key);
    if (outcome instanceof Error) waiter.fail(outcome);
    else waiter.done(outcome);
  }

  private wake(key: string, at: number): void {
    for (const waiter of this.waiters.get(key) ?? []) this.settle(waiter, key, at);
  }

  private poll(): void {
    const calls = this.sandbox.calls();
    let start = calls.length;
    while (start > 0 && calls[start - 1].sequence > this.lastCallSequence) start--;
    for (const call of calls.slice(start)) this.indexCall(call);
    if (calls.length) this.lastCallSequence = Math.max(this.lastCallSequence, calls[calls.length - 1].sequence);

    const requests = this.receiver.requests;
    for (; this.requestCursor < requests.length; this.requestCursor++) this.indexRequest(requests[this.requestCursor]);
  }

  private indexCall(call: RecordedCall): void {
    const at = Date.parse(call.at);
    const reply = REPLIES_PATH.exec(call.path);
    if (call.method === 'POST' && reply) return void push(this.publicReplies, reply[1], call);
    if (call.method !== 'POST' || !MESSAGES_PATH.test(call.path)) return;
    const commentId = call.body?.recipient?.comment_id;
    const recipientId = call.body?.recipient?.id;
    if (typeof commentId === 'string') {
      push(this.privateReplies, commentId, call);
      if (call.status === 200) this.wake(`private:${commentId}`, at);
    } else if (typeof recipientId === 'string') {
      push(this.directMessages, recipientId, call);
      if (call.status === 200) this.wake(`dm:${recipientId}`, at);
    }
  }

  private indexRequest(request: RecordedRequest): void {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(request.rawBody) as Record<string, unknown>;
    } catch {
      // an unparsable body is still a delivery, kept under its id
    }
    const delivery: ReceivedDelivery = {
      webhookId: String(request.headers['x-webhook-id'] ?? ''),
      eventType: String(request.headers['x-event-type'] ?? ''),
      receivedAt: request.receivedAt,
      body,
      request,
    };
    push(this.deliveries, delivery.webhookId, delivery);
    if (delivery.eventType === 'flow_completed' && typeof body.sender_id === 'string') {
      push(this.completedBySender, body.sender_id, delivery);
      this.wake(`completed:${body.sender_id}`, delivery.receivedAt);
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
