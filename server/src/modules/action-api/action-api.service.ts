import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { type ConnectedInstagramAccount, InstagramAccountsService } from '../accounts/instagram-accounts.service';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { planFor } from '../accounts/plans';
import { ContactsService } from '../contacts/contacts.service';
import { ConversationsService } from '../conversations/conversations.service';
import { InboxService } from '../inbox/inbox.service';
import { GraphApiError } from '../messaging/graph-api.error';
import type { SentMessage } from '../messaging/graph-api.client';
import { MessagingService, type SendRequest } from '../messaging/messaging.service';
import { ActionApiErrors, InstagramApiException } from './action-api.errors';
import { ActionRequest, parseActionRequest } from './dto/action-request';
import { HourlyLimitService } from './hourly-limit.service';
import { ActionResponse, IdempotencyService } from './idempotency.service';

export interface ActionCall {
  account: AuthenticatedAccount;
  /** The API key that made the call, credited as the sender in the conversation. */
  apiKeyId: string | null;
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
  private readonly logger = new Logger(ActionApiService.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly messaging: MessagingService,
    private readonly hourlyLimit: HourlyLimitService,
    private readonly idempotency: IdempotencyService,
    private readonly inbox: InboxService,
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  async handle(call: ActionCall): Promise<ActionResult> {
    if (!planFor(call.account.plan).apiAccess) throw ActionApiErrors.planWithoutApiAccess();
    if (!call.isJson) throw ActionApiErrors.unsupportedContentType();
    const request = parseActionRequest(call.body);
    // The Idempotency-Key claim (held in Postgres before any send, never re-run after a crash) is what makes the send happen once.
    const perform = () => this.perform(call.account, call.apiKeyId, request);
    if (!call.idempotencyKey) return perform();
    const outcome = await this.idempotency.run(call.account.id, call.idempotencyKey, call.body, call.requestId, perform);
    return outcome.replayed ? { ...outcome.response, headers: { 'Idempotent-Replayed': 'true' } } : outcome.response;
  }

  private async perform(account: AuthenticatedAccount, apiKeyId: string | null, request: ActionRequest): Promise<ActionResult> {
    const instagramAccount = await this.instagramAccounts.actingAccount(account.id, request.instagramAccount);
    if (!instagramAccount) throw ActionApiErrors.noInstagramToken();
    const headers = await this.hourlyLimit.admit(account);
    const paysPerSend = planFor(account.plan).creditBased;
    if (paysPerSend && !(await this.accounts.spendCredit(account.id))) throw ActionApiErrors.insufficientCredits();
    try {
      return { status: 200, headers, body: await this.send(instagramAccount, apiKeyId, request) };
    } catch (error) {
      if (paysPerSend) await this.accounts.refundCredit(account.id);
      if (error instanceof GraphApiError) throw new InstagramApiException(error, headers);
      throw error;
    }
  }

  private async send(
    instagramAccount: ConnectedInstagramAccount,
    apiKeyId: string | null,
    request: ActionRequest,
  ): Promise<Record<string, string | null>> {
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
    // The message went out: failing to add it to the conversation must not fail (or refund) the call.
    await this.recordInConversation(instagramAccount, apiKeyId, { recipient, message: request.message }, sent).catch((error: Error) =>
      this.logger.warn({ msg: 'API send not added to the conversation', message_id: sent.messageId, error: error.message }),
    );
    return { message: 'Message sent', message_id: sent.messageId, recipient_id: sent.recipientId };
  }

  /** Adds the send to the person's conversation; a person dmflow has never seen has no conversation to add it to. */
  private async recordInConversation(
    instagramAccount: ConnectedInstagramAccount,
    apiKeyId: string | null,
    request: Pick<SendRequest, 'recipient' | 'message'>,
    sent: SentMessage,
  ): Promise<void> {
    const igUserId = 'id' in request.recipient ? request.recipient.id : sent.recipientId;
    const contactId = igUserId ? await this.contacts.idOf(instagramAccount.id, igUserId) : null;
    if (!contactId) return;
    await this.conversations.recordOutbound({
      accountId: instagramAccount.accountId,
      contactId,
      recipient: request.recipient,
      message: request.message,
      metaMessageId: sent.messageId,
      sender: { type: 'api', apiKeyId },
      sendKey: `api:${sent.messageId ?? randomUUID()}`,
    });
  }
}
