import type { CommentModeration, MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { type FaultPoints, InjectFaultPoints, NO_FAULT_POINTS } from '../../core/faults/fault-points';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { Metrics } from '../../core/metrics/metrics';
import { ContactsService } from '../contacts/contacts.service';
import { MessagingErrors, SendReconciliationPending } from './messaging.errors';
import { GraphApiClient, SentMessage } from './graph-api.client';
import { GraphApiError } from './graph-api.error';
import { InstagramSendLimiter, SendLimitExceeded } from './instagram-send-limiter';
import { dmWindow, type MessageTag, privateReplyWindow, WindowVerdict } from './messaging-window';
import { OutboundSendsStore, type SendClaim } from './outbound-sends.store';
import { SendReconciler } from './send-reconciler';
import { NO_RETRY, RetryPolicy, withGraphRetry } from './retry-policy';
import { sendFailureOutcome, SendNote } from './send-outcome';
import { type SendKind, sendKindOf } from './send-limits';

export interface SendRequest {
  /** dmflow's id of the connected Instagram account that sends. */
  instagramAccountId: string;
  recipient: MessageRecipient;
  message: OutgoingMessage;
  /** Stable per effect; a send already made under this key is returned, never repeated. */
  idempotencyKey?: string;
  /** For a private reply: when the comment was made (enforces Meta's 7-day rule). */
  commentCreatedAt?: Date;
  /** Default NO_RETRY; queued effects pass QUEUED_SEND_RETRY. */
  retry?: RetryPolicy;
  /** How long the per-account send limiter may delay the call (default 5 s). */
  maxLimiterWaitMs?: number;
  /**
   * A send found in doubt (claimed, its answer never recorded) is reconciled with Meta instead of refused:
   * the engine's effects set it; /api-webhook answers 409 instead.
   */
  reconcileInDoubt?: boolean;
  /** HUMAN_AGENT: a person's reply between 24 h and 7 days after the person's last message (DMs only). */
  tag?: MessageTag;
  /** For a private reply reconciled as already sent: the commenter's IGSID, to find its message id in the conversation. */
  conversationUserId?: string;
}

export interface CommentReplyRequest {
  instagramAccountId: string;
  commentId: string;
  text: string;
  idempotencyKey?: string;
  retry?: RetryPolicy;
  reconcileInDoubt?: boolean;
}

export interface CommentModerationRequest {
  instagramAccountId: string;
  commentId: string;
  action: CommentModeration;
  idempotencyKey?: string;
  retry?: RetryPolicy;
}

const DEFAULT_LIMITER_WAIT_MS = 5_000;
/** Meta refuses a second private reply to a comment with this subcode: the first one went out. */
const PRIVATE_REPLY_ALREADY_SENT = 2534025;
/**
 * A send not found at Meta is re-sent only once its claim is this old. The attempt that claimed it has ended by
 * then (the effect's run lock is gone), but a process that lost only its Postgres connection may still be calling
 * Meta; a call Meta accepted shows in the conversation within a second or two.
 */
const NOT_FOUND_SETTLE_MS = 10_000;
/** The same when the claiming process is dead (ProcessLiveness): no call of its can still be under way. */
const DEAD_CLAIMER_SETTLE_MS = 2_000;

/**
 * A send checked against Meta's rules and claimed under its idempotency key inside the caller's transaction (the
 * engine claims its effect in it), so the claim commits before Meta is called, as for every send. After that commit
 * `make` calls Meta (or returns the send made before under the key, or settles one in doubt); `record` writes what it
 * made in the caller's next transaction, or, without a manager, on its own (retried through a Postgres restart).
 */
export interface ClaimedSend<T> {
  make(): Promise<T>;
  record(result: T, manager?: EntityManager): Promise<void>;
}

type Claimed = { idempotencyKey: string };

/** How to settle a send in doubt: re-sending is safe (a private reply: Meta refuses a second), or look it up first. */
interface Reconciliation<T> {
  resendIsSafe: boolean;
  /** Finds the send at Meta (made after `claimedAt`), or null. */
  lookUp(claimedAt: Date): Promise<T | null>;
  /** What to record when Meta says the send was made but it could not be found. */
  madeButNotFound?(): T;
}

/**
 * Every message dmflow sends to Instagram goes through here: the engine's effects, /api-webhook and later
 * automations. It applies Meta's rules before calling (token, messaging windows, per-account limits), then
 * calls the one GraphApiClient. Graph failures surface as GraphApiError (kind tells whether to retry).
 */
@Injectable()
export class MessagingService {
  constructor(
    private readonly graph: GraphApiClient,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly limiter: InstagramSendLimiter,
    private readonly sends: OutboundSendsStore,
    private readonly contacts: ContactsService,
    private readonly reconciler: SendReconciler,
    private readonly metrics: Metrics,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'sendsReconcileDeadlineMs'>,
    @Optional() @InjectFaultPoints() private readonly faults: FaultPoints = NO_FAULT_POINTS,
  ) {}

  async send(request: SendRequest): Promise<SentMessage> {
    const kind = sendKindOf(request.recipient, request.message);
    return this.measured(kind, async (note) => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      const verdict = await this.windowFor(instagramAccount, request);
      if (!verdict.open) throw MessagingErrors.windowClosed(verdict.reason);
      return this.once(
        request.idempotencyKey,
        instagramAccount.id,
        note,
        this.messageCall(instagramAccount, token, request, kind),
        request.reconcileInDoubt ? this.messageReconciliation(instagramAccount, token, request) : undefined,
      );
    });
  }

  /** `send` claimed inside the caller's transaction: the account, its token and the messaging window are read there too. */
  async claimSend(request: SendRequest & Claimed, manager: EntityManager): Promise<ClaimedSend<SentMessage>> {
    const kind = sendKindOf(request.recipient, request.message);
    return this.countingFailures(kind, async () => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      const verdict = await this.windowFor(instagramAccount, request, manager);
      if (!verdict.open) throw MessagingErrors.windowClosed(verdict.reason);
      const claim = await this.sends.claimWithin<SentMessage>(manager, request.idempotencyKey, instagramAccount.id);
      return this.claimed(
        kind,
        request.idempotencyKey,
        claim,
        this.messageCall(instagramAccount, token, request, kind),
        request.reconcileInDoubt ? this.messageReconciliation(instagramAccount, token, request) : undefined,
      );
    });
  }

  /** A public reply under a comment; returns the new comment's id. */
  async replyToComment(request: CommentReplyRequest): Promise<{ id: string }> {
    return this.measured('comment_reply', async (note) => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      return this.once(
        request.idempotencyKey,
        instagramAccount.id,
        note,
        this.commentReplyCall(token, request),
        request.reconcileInDoubt ? this.commentReplyReconciliation(instagramAccount, token, request) : undefined,
      );
    });
  }

  /** `replyToComment` claimed inside the caller's transaction, which reads the account and its token too. */
  async claimCommentReply(request: CommentReplyRequest & Claimed, manager: EntityManager): Promise<ClaimedSend<{ id: string }>> {
    return this.countingFailures('comment_reply', async () => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      const claim = await this.sends.claimWithin<{ id: string }>(manager, request.idempotencyKey, instagramAccount.id);
      return this.claimed(
        'comment_reply',
        request.idempotencyKey,
        claim,
        this.commentReplyCall(token, request),
        request.reconcileInDoubt ? this.commentReplyReconciliation(instagramAccount, token, request) : undefined,
      );
    });
  }

  private messageCall(
    instagramAccount: ConnectedInstagramAccount,
    token: string,
    request: SendRequest,
    kind: SendKind,
  ): () => Promise<SentMessage> {
    return async () => {
      await this.limiter.acquire(instagramAccount.id, kind, request.maxLimiterWaitMs ?? DEFAULT_LIMITER_WAIT_MS);
      return withGraphRetry(request.retry ?? NO_RETRY, () =>
        this.graph.sendMessage(token, request.recipient, request.message, instagramAccount.igUserId, request.tag),
      );
    };
  }

  private commentReplyCall(token: string, request: CommentReplyRequest): () => Promise<{ id: string }> {
    return () => withGraphRetry(request.retry ?? NO_RETRY, () => this.graph.replyToComment(token, request.commentId, request.text));
  }

  private commentReplyReconciliation(
    instagramAccount: ConnectedInstagramAccount,
    token: string,
    request: CommentReplyRequest,
  ): Reconciliation<{ id: string }> {
    return {
      resendIsSafe: false,
      lookUp: (claimedAt) => this.reconciler.findCommentReply(instagramAccount, token, request.commentId, request.text, claimedAt),
    };
  }

  /**
   * Hides, unhides or deletes a comment, under the per-account moderation limit. Doing it again is harmless (hiding is
   * a state; a comment deleted twice is gone), so a call in doubt is simply made again.
   */
  async moderateComment(request: CommentModerationRequest): Promise<{ action: CommentModeration }> {
    return this.measured(`comment_${request.action}`, async (note) => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      const call = async () => {
        await this.limiter.acquireModerationCall(instagramAccount.id, DEFAULT_LIMITER_WAIT_MS);
        await withGraphRetry(request.retry ?? NO_RETRY, () =>
          request.action === 'delete'
            ? this.graph.deleteComment(token, request.commentId)
            : this.graph.setCommentHidden(token, request.commentId, request.action === 'hide'),
        );
        return { action: request.action };
      };
      const again: Reconciliation<{ action: CommentModeration }> = {
        resendIsSafe: true,
        lookUp: () => Promise.resolve(null),
        madeButNotFound: () => ({ action: request.action }),
      };
      return this.once(request.idempotencyKey, instagramAccount.id, note, call, again);
    });
  }

  /** A send claimed in the caller's transaction: counted when it is made, or here when it cannot even be claimed. */
  private async countingFailures<T>(kind: string, claim: () => Promise<T>): Promise<T> {
    try {
      return await claim();
    } catch (error) {
      this.metrics.sends.inc({ kind, outcome: sendFailureOutcome(error) });
      throw error;
    }
  }

  private claimed<T>(
    kind: string,
    idempotencyKey: string,
    claim: SendClaim<T>,
    call: () => Promise<T>,
    reconciliation?: Reconciliation<T>,
  ): ClaimedSend<T> {
    return {
      make: () =>
        this.measured(kind, (note) => {
          if (claim.state !== 'sent') return this.settle(idempotencyKey, claim, call, reconciliation);
          note.replayed = true;
          return Promise.resolve(claim.result);
        }),
      record: (result, manager) => (claim.state === 'sent' ? Promise.resolve() : this.sends.markSent(idempotencyKey, result, manager)),
    };
  }

  /** Counts every send by kind and outcome (dmflow_sends_total). */
  private async measured<T>(kind: string, send: (note: SendNote) => Promise<T>): Promise<T> {
    const note: SendNote = { replayed: false };
    try {
      const result = await send(note);
      this.metrics.sends.inc({ kind, outcome: note.replayed ? 'replayed' : 'sent' });
      return result;
    } catch (error) {
      this.metrics.sends.inc({ kind, outcome: sendFailureOutcome(error) });
      throw error;
    }
  }

  /** Whether a send made under this key may have reached Instagram without our knowing (so it must not be repeated blindly). */
  isSendInDoubt(idempotencyKey: string): Promise<boolean> {
    return this.sends.isInDoubt(idempotencyKey);
  }

  /** A person chose to try a send in doubt again: it is reconciled with Meta afresh, with a new deadline. */
  restartReconciliation(idempotencyKey: string): Promise<void> {
    return this.sends.restartReconciliation(idempotencyKey);
  }

  private messageReconciliation(account: ConnectedInstagramAccount, token: string, request: SendRequest): Reconciliation<SentMessage> {
    const text = 'text' in request.message ? request.message.text : '';
    if ('comment_id' in request.recipient) {
      const person = request.conversationUserId;
      return {
        resendIsSafe: true,
        lookUp: (claimedAt) => (person ? this.reconciler.findMessage(account, token, person, text, claimedAt) : Promise.resolve(null)),
        madeButNotFound: () => ({ recipientId: person ?? null, messageId: null }),
      };
    }
    const person = request.recipient.id;
    return { resendIsSafe: false, lookUp: (claimedAt) => this.reconciler.findMessage(account, token, person, text, claimedAt) };
  }

  private async sender(instagramAccountId: string): Promise<{ instagramAccount: ConnectedInstagramAccount; token: string }> {
    const instagramAccount = await this.instagramAccounts.connectedInstagramAccount(instagramAccountId);
    const token = instagramAccount ? this.instagramAccounts.accessToken(instagramAccount) : null;
    if (!instagramAccount || !token) throw MessagingErrors.noInstagramToken();
    return { instagramAccount, token };
  }

  private async windowFor(
    instagramAccount: ConnectedInstagramAccount,
    request: SendRequest,
    manager?: EntityManager,
  ): Promise<WindowVerdict> {
    const now = new Date();
    if ('comment_id' in request.recipient) return privateReplyWindow(request.commentCreatedAt, now);
    return dmWindow(await this.contacts.windowOf(instagramAccount.id, request.recipient.id, manager), now, request.tag);
  }

  private async once<T>(
    idempotencyKey: string | undefined,
    instagramAccountId: string,
    note: SendNote,
    call: () => Promise<T>,
    reconciliation?: Reconciliation<T>,
  ): Promise<T> {
    if (!idempotencyKey) return call();
    const claim = await this.sends.claim<T>(idempotencyKey, instagramAccountId);
    if (claim.state === 'sent') {
      note.replayed = true;
      return claim.result;
    }
    const result = await this.settle(idempotencyKey, claim, call, reconciliation);
    await this.sends.markSent(idempotencyKey, result);
    return result;
  }

  /** Makes a send this attempt claimed, or settles one in doubt; what it returns is then recorded as sent. */
  private async settle<T>(
    idempotencyKey: string,
    claim: Exclude<SendClaim<T>, { state: 'sent' }>,
    call: () => Promise<T>,
    reconciliation?: Reconciliation<T>,
  ): Promise<T> {
    if (claim.state === 'claimed') return this.attempt(idempotencyKey, call, reconciliation ? 'first' : 'no_reconciliation');
    if (!reconciliation) throw MessagingErrors.sendInDoubt();
    return this.reconcile(idempotencyKey, claim, call, reconciliation);
  }

  /**
   * Calls Meta under a claim held by this attempt and returns the answer, for the caller to record; a refusal frees the claim, a lost answer
   * keeps it (`no_reconciliation`: rethrown as is; otherwise: reconciliation pending). A 2534025 answering the re-send
   * of a private reply in doubt (`resend`) keeps it too: the first one went out.
   */
  private async attempt<T>(idempotencyKey: string, call: () => Promise<T>, mode: 'no_reconciliation' | 'first' | 'resend'): Promise<T> {
    const reconciling = mode !== 'no_reconciliation';
    await this.faults.reached('after-send-claim');
    let result: T;
    try {
      result = await call();
    } catch (error) {
      const madeBefore = mode === 'resend' && error instanceof GraphApiError && error.subcode === PRIVATE_REPLY_ALREADY_SENT;
      if (!(error instanceof GraphApiError && error.inDoubt) && !madeBefore) {
        await this.sends.release(idempotencyKey);
        throw error;
      }
      if (reconciling && !madeBefore)
        throw new SendReconciliationPending(`the answer was lost (${error.message}); Instagram will be asked`);
      throw error;
    }
    await this.faults.reached('before-send-record');
    return result;
  }

  /**
   * Settles a send in doubt by asking Meta, never by guessing. A private reply is re-sent: Meta refuses a second one
   * (2534025), which proves the first went out. Anything else is looked up first and re-sent only if Meta does not
   * show it once the claim has settled. Until it concludes, the caller is told to try again later; when Meta could
   * not be asked for SENDS_RECONCILE_DEADLINE_MS since the first try, the send stays in doubt for a person.
   * "Settled" is NOT_FOUND_SETTLE_MS after the claim while its process lives, DEAD_CLAIMER_SETTLE_MS once it died.
   */
  private async reconcile<T>(
    idempotencyKey: string,
    { claimedAt, claimerAlive }: { claimedAt: Date; claimerAlive: boolean },
    call: () => Promise<T>,
    reconciliation: Reconciliation<T>,
  ): Promise<T> {
    const since = await this.sends.reconcilingSince(idempotencyKey);
    try {
      if (reconciliation.resendIsSafe) return await this.resendOnce(idempotencyKey, claimedAt, call, reconciliation);
      const found = await this.askingMeta(() => reconciliation.lookUp(claimedAt));
      if (found) return found;
      if (Date.now() - claimedAt.getTime() < (claimerAlive ? NOT_FOUND_SETTLE_MS : DEAD_CLAIMER_SETTLE_MS))
        throw new SendReconciliationPending('not found at Instagram yet; looking again once the claim has settled', true);
      await this.sends.reclaim(idempotencyKey);
      return await this.attempt(idempotencyKey, call, 'resend');
    } catch (error) {
      if (!(error instanceof SendReconciliationPending) || error.settling) throw error;
      if (Date.now() - since.getTime() >= this.config.sendsReconcileDeadlineMs) throw MessagingErrors.sendUnresolved(error.message);
      throw error;
    }
  }

  private async resendOnce<T>(
    idempotencyKey: string,
    claimedAt: Date,
    call: () => Promise<T>,
    reconciliation: Reconciliation<T>,
  ): Promise<T> {
    try {
      return await this.attempt(idempotencyKey, call, 'resend');
    } catch (error) {
      if (!(error instanceof GraphApiError && error.subcode === PRIVATE_REPLY_ALREADY_SENT)) throw error;
      // Meta refused a second private reply to the comment: our claimed send was the first, so it went out.
      const found = await reconciliation.lookUp(claimedAt).catch(() => null);
      return found ?? (reconciliation.madeButNotFound as () => T)();
    }
  }

  /** A lookup that Meta could not answer (unreachable, rate limited, our own 2/s limit) is left for a later attempt. */
  private async askingMeta<T>(lookUp: () => Promise<T>): Promise<T> {
    try {
      return await lookUp();
    } catch (error) {
      if (error instanceof GraphApiError || error instanceof SendLimitExceeded)
        throw new SendReconciliationPending(`Instagram could not be asked: ${error.message}`);
      throw error;
    }
  }
}
