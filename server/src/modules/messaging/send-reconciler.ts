import { Injectable } from '@nestjs/common';
import type { ConnectedInstagramAccount } from '../accounts/instagram-accounts.service';
import { GraphApiClient, type SentMessage } from './graph-api.client';
import { InstagramSendLimiter } from './instagram-send-limiter';
import { OutboundSendsStore } from './outbound-sends.store';

/** Meta's times have whole seconds and its clock is not ours: a message up to this much "before" the claim still counts. */
const CLOCK_SKEW_MS = 5_000;
/** Newest first, 20 a page: a send in doubt is recent, so a few pages reach back past its claim. */
const MAX_PAGES = 5;
/** How long one lookup may wait for a Conversations API slot before leaving the reconciliation to a later attempt. */
const CONVERSATIONS_SLOT_WAIT_MS = 3_000;

/**
 * Finds out from Meta whether a send in doubt went out: a DM in the person's conversation (Conversations API,
 * 2 calls/s per account, counted across processes), a public reply among the comment's replies. A match is ours
 * when its text is ours, it was written by the account after the send was claimed, and no other send recorded it.
 */
@Injectable()
export class SendReconciler {
  constructor(
    private readonly graph: GraphApiClient,
    private readonly limiter: InstagramSendLimiter,
    private readonly sends: OutboundSendsStore,
  ) {}

  async findMessage(
    account: ConnectedInstagramAccount,
    token: string,
    personIgsid: string,
    text: string,
    claimedAt: Date,
  ): Promise<SentMessage | null> {
    const since = claimedAt.getTime() - CLOCK_SKEW_MS;
    await this.limiter.acquireConversationsCall(account.id, CONVERSATIONS_SLOT_WAIT_MS);
    const conversation = await this.graph.conversationWith(token, account.igUserId, personIgsid);
    if (!conversation) return null;
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      await this.limiter.acquireConversationsCall(account.id, CONVERSATIONS_SLOT_WAIT_MS);
      const { messages, after: next } = await this.graph.conversationMessages(token, conversation, after);
      const candidates = messages.filter(
        (message) => message.fromId === account.igUserId && message.text === text && message.createdAt.getTime() >= since,
      );
      const match = await this.firstUnrecorded(account.id, candidates.reverse());
      if (match) return { recipientId: personIgsid, messageId: match };
      if (!next || messages.some((message) => message.createdAt.getTime() < since)) return null;
      after = next;
    }
    return null;
  }

  async findCommentReply(account: ConnectedInstagramAccount, token: string, commentId: string, text: string, claimedAt: Date) {
    const since = claimedAt.getTime() - CLOCK_SKEW_MS;
    const replies = await this.graph.commentReplies(token, commentId);
    const candidates = replies.filter((reply) => reply.text === text && reply.createdAt.getTime() >= since);
    const match = await this.firstUnrecorded(account.id, candidates);
    return match ? { id: match } : null;
  }

  /** The oldest candidate no other send of the account has recorded as its own. */
  private async firstUnrecorded(instagramAccountId: string, candidates: Array<{ id: string }>): Promise<string | null> {
    if (!candidates.length) return null;
    const recorded = await this.sends.recordedMessageIds(
      instagramAccountId,
      candidates.map((candidate) => candidate.id),
    );
    return candidates.find((candidate) => !recorded.has(candidate.id))?.id ?? null;
  }
}
