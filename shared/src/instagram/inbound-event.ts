import type { InstagramWebhookEvent } from './webhook-event';

/** How the webhook splitter classifies one Meta event; `other` is stored for the record and never acted on. */
export const INSTAGRAM_EVENT_KINDS = ['comment', 'live_comment', 'message', 'postback', 'other'] as const;
export type InstagramEventKind = (typeof INSTAGRAM_EVENT_KINDS)[number];

/** One Instagram event read into what routing needs. */
export type InboundEvent =
  | { kind: 'comment' | 'live_comment'; senderId: string; username: string | null; commentId: string; mediaId: string; text: string }
  | { kind: 'message'; senderId: string; mid: string | null; text: string; quickReplyPayload: string | null; storyId: string | null }
  | { kind: 'postback'; senderId: string; mid: string | null; payload: string; title: string | null };

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Reads a one-event Meta envelope (as the splitter cuts it: `entry[0].changes[0]` or `entry[0].messaging[0]`).
 * null when the event lacks what its kind needs (the splitter already skipped most such events).
 */
export function normalizeInboundEvent(kind: InstagramEventKind, raw: InstagramWebhookEvent): InboundEvent | null {
  const entry = raw.entry?.[0];
  switch (kind) {
    case 'comment':
    case 'live_comment': {
      const value = entry?.changes?.[0]?.value;
      const senderId = str(value?.from?.id);
      const commentId = str(value?.id) ?? str(value?.comment_id);
      if (!senderId || !commentId) return null;
      return {
        kind,
        senderId,
        username: str(value?.from?.username),
        commentId,
        mediaId: str(value?.media?.id) ?? '',
        text: str(value?.text) ?? '',
      };
    }
    case 'message': {
      const messaging = entry?.messaging?.[0];
      const senderId = str(messaging?.sender?.id);
      if (!senderId || !messaging?.message) return null;
      const { message } = messaging;
      return {
        kind,
        senderId,
        mid: str(message.mid),
        text: str(message.text) ?? '',
        quickReplyPayload: str(message.quick_reply?.payload),
        storyId: str(message.reply_to?.story?.id),
      };
    }
    case 'postback': {
      const messaging = entry?.messaging?.[0];
      const senderId = str(messaging?.sender?.id);
      const payload = str(messaging?.postback?.payload);
      if (!senderId || !payload) return null;
      return { kind, senderId, mid: str(messaging?.postback?.mid), payload, title: str(messaging?.postback?.title) };
    }
    case 'other':
      return null;
  }
}

/** Messages, quick replies and button taps open Instagram's 24-hour window; comments do not. */
export function opensMessagingWindow(inbound: InboundEvent): boolean {
  return inbound.kind === 'message' || inbound.kind === 'postback';
}
