import type { MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { Metrics } from '../../core/metrics/metrics';
import { ContactsService } from '../contacts/contacts.service';
import { MessagingErrors } from './messaging.errors';
import { GraphApiClient, SentMessage } from './graph-api.client';
import { GraphApiError } from './graph-api.error';
import { InstagramSendLimiter } from './instagram-send-limiter';
import { dmWindow, privateReplyWindow, WindowVerdict } from './messaging-window';
import { OutboundSendsStore } from './outbound-sends.store';
import { NO_RETRY, RetryPolicy, withGraphRetry } from './retry-policy';
import { sendFailureOutcome, SendNote } from './send-outcome';
import { sendKindOf } from './send-limits';

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
}

export interface CommentReplyRequest {
  instagramAccountId: string;
  commentId: string;
  text: string;
  idempotencyKey?: string;
  retry?: RetryPolicy;
}

const DEFAULT_LIMITER_WAIT_MS = 5_000;

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
    private readonly metrics: Metrics,
  ) {}

  async send(request: SendRequest): Promise<SentMessage> {
    const kind = sendKindOf(request.recipient, request.message);
    return this.measured(kind, async (note) => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      const verdict = await this.windowFor(instagramAccount, request);
      if (!verdict.open) throw MessagingErrors.windowClosed(verdict.reason);
      return this.once(request.idempotencyKey, instagramAccount.id, note, async () => {
        await this.limiter.acquire(instagramAccount.id, kind, request.maxLimiterWaitMs ?? DEFAULT_LIMITER_WAIT_MS);
        return withGraphRetry(request.retry ?? NO_RETRY, () =>
          this.graph.sendMessage(token, request.recipient, request.message, instagramAccount.igUserId),
        );
      });
    });
  }

  /** A public reply under a comment; returns the new comment's id. */
  async replyToComment(request: CommentReplyRequest): Promise<{ id: string }> {
    return this.measured('comment_reply', async (note) => {
      const { instagramAccount, token } = await this.sender(request.instagramAccountId);
      return this.once(request.idempotencyKey, instagramAccount.id, note, () =>
        withGraphRetry(request.retry ?? NO_RETRY, () => this.graph.replyToComment(token, request.commentId, request.text)),
      );
    });
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

  /** Whether a send made under this key may have reached Instagram without our knowing (so it must not be repeated). */
  isSendInDoubt(idempotencyKey: string): Promise<boolean> {
    return this.sends.isInDoubt(idempotencyKey);
  }

  private async sender(instagramAccountId: string): Promise<{ instagramAccount: ConnectedInstagramAccount; token: string }> {
    const instagramAccount = await this.instagramAccounts.findInstagramAccount(instagramAccountId);
    const token = instagramAccount ? this.instagramAccounts.accessToken(instagramAccount) : null;
    if (!instagramAccount || !token) throw MessagingErrors.noInstagramToken();
    return { instagramAccount, token };
  }

  private async windowFor(instagramAccount: ConnectedInstagramAccount, request: SendRequest): Promise<WindowVerdict> {
    const now = new Date();
    if ('comment_id' in request.recipient) return privateReplyWindow(request.commentCreatedAt, now);
    return dmWindow(await this.contacts.windowOf(instagramAccount.id, request.recipient.id), now);
  }

  private async once<T>(
    idempotencyKey: string | undefined,
    instagramAccountId: string,
    note: SendNote,
    call: () => Promise<T>,
  ): Promise<T> {
    if (!idempotencyKey) return call();
    const claim = await this.sends.claim<T>(idempotencyKey, instagramAccountId);
    if (!claim.claimed) {
      note.replayed = true;
      return claim.result;
    }
    let result: T;
    try {
      result = await call();
    } catch (error) {
      // Only a send that surely did not happen may be made again under the same key; one in doubt stays claimed.
      if (!(error instanceof GraphApiError && error.inDoubt)) await this.sends.release(idempotencyKey);
      throw error;
    }
    await this.sends.markSent(idempotencyKey, result);
    return result;
  }
}
