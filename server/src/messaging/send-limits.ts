import type { GraphMessage, GraphRecipient } from './graph-api.client';

/** Meta's per-Instagram-account Send API limits (reference/meta-instagram-api.md §4), the strictest reading. */
export type SendKind = 'text' | 'media' | 'private_reply';

export const SEND_LIMITS: Record<SendKind, { limit: number; windowMs: number }> = {
  text: { limit: 300, windowMs: 1_000 },
  media: { limit: 10, windowMs: 1_000 },
  private_reply: { limit: 750, windowMs: 3_600_000 },
};

export function sendKindOf(recipient: GraphRecipient, message: GraphMessage): SendKind {
  if ('comment_id' in recipient) return 'private_reply';
  const attachment = message.attachment as { type?: unknown } | undefined;
  return attachment?.type === 'audio' || attachment?.type === 'video' ? 'media' : 'text';
}
