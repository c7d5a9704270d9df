import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { planFor } from '../accounts/plans';
import { InboxService } from '../inbox/inbox.service';
import { GraphApiError } from '../messaging/graph-api.error';
import { MessagingService } from '../messaging/messaging.service';
import { ActionApiErrors, InstagramApiException } from './action-api.errors';
import { ActionRequest, parseActionRequest } from './dto/action-request';
import { HourlyLimitService } from './hourly-limit.service';
import { ActionResponse, IdempotencyService } from './idempotency.service';

export interface ActionCall {
  account: AuthenticatedAccount;
  body: unknown;
  /** InstantDM requires `Content-Type: application/json`; a form-encoded body is refused, not guessed at. */
  isJson: boolean;
  idempotencyKey: string | null;
  requestId: string;
}

export interface ActionResult extends ActionResponse {
  headers: Record<string, string>;
}

/**
 * POST /api-webhook. Checks run cheapest first and nothing is sent unless all pass:
 * plan (403) → body (400) → Idempotency-Key (422/replay) → Instagram account with a token (404)
 * → hourly limit (429) → credit (402) → Meta (its error passed through; the credit refunded).
 */
@Injectable()
export class ActionApiService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly messaging: MessagingService,
    private readonly hourlyLimit: HourlyLimitService,
    private readonly idempotency: IdempotencyService,
    private readonly inbox: InboxService,
  ) {}

  async handle(call: ActionCall): Promise<ActionResult> {
    if (!planFor(call.account.plan).apiAccess) throw ActionApiErrors.planWithoutApiAccess();
    if (!call.isJson) throw ActionApiErrors.unsupportedContentType();
    const request = parseActionRequest(call.body);
    // The Idempotency-Key claim (held in Postgres before any send, never re-run after a crash) is what makes the send happen once.
    const perform = () => this.perform(call.account, request);
    if (!call.idempotencyKey) return perform();
    const outcome = await this.idempotency.run(call.account.id, call.idempotencyKey, call.body, call.requestId, perform);
    return outcome.replayed ? { ...outcome.response, headers: { 'Idempotent-Replayed': 'true' } } : outcome.response;
  }

  private async perform(account: AuthenticatedAccount, request: ActionRequest): Promise<ActionResult> {
    const instagramAccount = await this.instagramAccounts.actingAccount(account.id, request.instagramAccount);
    if (!instagramAccount) throw ActionApiErrors.noInstagramToken();
    const headers = await this.hourlyLimit.admit(account);
    const paysPerSend = planFor(account.plan).creditBased;
    if (paysPerSend && !(await this.accounts.spendCredit(account.id))) throw ActionApiErrors.insufficientCredits();
    try {
      return { status: 200, headers, body: await this.send(instagramAccount, request) };
    } catch (error) {
      if (paysPerSend) await this.accounts.refundCredit(account.id);
      if (error instanceof GraphApiError) throw new InstagramApiException(error, headers);
      throw error;
    }
  }

  private async send(instagramAccount: ConnectedInstagramAccount, request: ActionRequest): Promise<Record<string, string | null>> {
    if (request.action === 'post_comment') {
      const reply = await this.messaging.replyToComment({
        instagramAccountId: instagramAccount.id,
        commentId: request.commentId,
        text: request.commentText,
      });
      return { message: 'Comment reply posted', comment_id: reply.id };
    }
    const recipient = request.type === 'dm' ? { id: request.recipientId } : { comment_id: request.commentId };
    // A private reply's 7-day window is enforced when the comment's webhook reached us; otherwise Meta decides.
    const commentCreatedAt = request.type === 'dm' ? undefined : await this.inbox.commentTime(instagramAccount.igUserId, request.commentId);
    const sent = await this.messaging.send({
      instagramAccountId: instagramAccount.id,
      recipient,
      message: request.message,
      commentCreatedAt,
    });
    return { message: 'Message sent', message_id: sent.messageId, recipient_id: sent.recipientId };
  }
}
