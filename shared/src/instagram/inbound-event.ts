import type { InstagramWebhookEvent } from './webhook-event';

/** How the webhook splitter classifies one Meta event; `other` is stored for the record and never acted on. */
export const INSTAGRAM_EVENT_KINDS = ['comment', 'live_comment', 'mention', 'message', 'postback', 'referral', 'other'] as const;
export type InstagramEventKind = (typeof INSTAGRAM_EVENT_KINDS)[number];

/** A file the person sent in a DM (`image`, `video`, `audio`, `file`…): Meta's CDN URL, which expires. */
export interface MessageAttachment {
  type: string;
  url: string;
}

/** One Instagram event read into what routing needs. */
export type InboundEvent =
  | { kind: 'comment' | 'live_comment'; senderId: string; username: string | null; commentId: string; mediaId: string; text: string }
  | {
      kind: 'message';
      senderId: string;
      mid: string | null;
      text: string;
      quickReplyPayload: string | null;
      storyId: string | null;
      /** Files sent with the DM (an image DM has no text); story mentions are their own kind. */
      attachments?: MessageAttachment[];
      /** The `ref` of the ig.me link the person opened, when their first message carries it. */
      ref?: string | null;
    }
  | { kind: 'postback'; senderId: string; mid: string | null; payload: string; title: string | null }
  /** A DM whose attachment is `story_mention`: the person mentioned the business in their story. */
  | { kind: 'story_mention'; senderId: string; mid: string | null; storyUrl: string | null }
  /** The business was @-mentioned in a post or comment (`mentions` field); the sender is the author when Meta names one. */
  | { kind: 'mention'; senderId: string; username: string | null; commentId: string; mediaId: string; text: string }
  /** The person opened an `ig.me/m/<username>?ref=<ref>` link (`messaging_referral`). */
  | { kind: 'referral'; senderId: string; ref: string; source: string | null };

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
    case 'mention': {
      const value = entry?.changes?.[0]?.value;
      const senderId = str(value?.from?.id);
      const commentId = str(value?.comment_id) ?? str(value?.id);
      if (!senderId || !commentId) return null;
      return {
        kind,
        senderId,
        username: str(value?.from?.username),
        commentId,
        mediaId: str(value?.media_id) ?? str(value?.media?.id) ?? '',
        text: str(value?.text) ?? '',
      };
    }
    case 'message': {
      const messaging = entry?.messaging?.[0];
      const senderId = str(messaging?.sender?.id);
      if (!senderId || !messaging?.message) return null;
      const { message } = messaging;
      const storyMention = (message.attachments ?? []).find((attachment) => attachment?.type === 'story_mention');
      if (storyMention) return { kind: 'story_mention', senderId, mid: str(message.mid), storyUrl: str(storyMention.payload?.url) };
      const attachments = (message.attachments ?? []).flatMap((attachment) => {
        const [type, url] = [str(attachment?.type), str(attachment?.payload?.url)];
        return type && url ? [{ type, url }] : [];
      });
      return {
        kind,
        senderId,
        mid: str(message.mid),
        text: str(message.text) ?? '',
        quickReplyPayload: str(message.quick_reply?.payload),
        storyId: str(message.reply_to?.story?.id),
        ...(attachments.length ? { attachments } : {}),
        ref: str(message.referral?.ref),
      };
    }
    case 'referral': {
      const messaging = entry?.messaging?.[0];
      const senderId = str(messaging?.sender?.id);
      const ref = str(messaging?.referral?.ref);
      if (!senderId || !ref) return null;
      return { kind, senderId, ref, source: str(messaging?.referral?.source) };
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

/** Messages (story mentions too), button taps and opened ig.me links open Instagram's 24-hour window; comments do not. */
export function opensMessagingWindow(inbound: InboundEvent): boolean {
  return ['message', 'postback', 'story_mention', 'referral'].includes(inbound.kind);
}

/** The ig.me `ref` the event carries (saved on the contact), or null. */
export function refOf(inbound: InboundEvent): string | null {
  if (inbound.kind === 'referral') return inbound.ref;
  return inbound.kind === 'message' ? (inbound.ref ?? null) : null;
}
