import type { MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import type { FixedWindow } from '../../core/redis/fixed-window';

/** Meta's per-Instagram-account Send API limits (reference/meta-instagram-api.md §4), the strictest reading. */
export type SendKind = 'text' | 'media' | 'private_reply';

export const SEND_LIMITS: Record<SendKind, { limit: number; windowMs: number }> = {
  text: { limit: 300, windowMs: 1_000 },
  media: { limit: 10, windowMs: 1_000 },
  private_reply: { limit: 750, windowMs: 3_600_000 },
};

export const SEND_KINDS = Object.keys(SEND_LIMITS) as SendKind[];

/** The Redis window one Instagram account's sends of one kind are counted in (the limiter counts, /v1/usage reads). */
export function sendLimitWindow(instagramAccountId: string, kind: SendKind): FixedWindow {
  return { name: `ig-send:${kind}:${instagramAccountId}`, ...SEND_LIMITS[kind] };
}

export function sendKindOf(recipient: MessageRecipient, message: OutgoingMessage): SendKind {
  if ('comment_id' in recipient) return 'private_reply';
  const attachmentType = 'attachment' in message ? message.attachment.type : undefined;
  return attachmentType === 'audio' || attachmentType === 'video' ? 'media' : 'text';
}

/** Meta's Conversations API allows 2 calls per second per Instagram account (reference §4). */
export function conversationsWindow(instagramAccountId: string): FixedWindow {
  return { name: `ig-conversations:${instagramAccountId}`, limit: 2, windowMs: 1_000 };
}

/**
 * Comment moderation (hide, unhide, delete) falls under Meta's general per-account limit (reference §4); dmflow keeps
 * it to 100 calls a minute per account so a burst of spam never spends the budget the account's sends need.
 */
export function moderationWindow(instagramAccountId: string): FixedWindow {
  return { name: `ig-moderation:${instagramAccountId}`, limit: 100, windowMs: 60_000 };
}
