import { messageId, numericId } from '../graph-api/ids';

/** Meta's Instagram webhook bodies (reference/meta-instagram-api.md §1.3–1.6), built the way Meta sends them. */
export interface CommentWebhookInput {
  /** The business's IG professional account id (entry[].id) = the connected account's ig_user_id. */
  igUserId: string;
  text: string;
  mediaId?: string;
  commentId?: string;
  fromId?: string;
  username?: string;
  /** `live_comments` instead of `comments`. */
  live?: boolean;
}

export interface DmWebhookInput {
  igUserId: string;
  senderId: string;
  text?: string;
  mid?: string;
  quickReplyPayload?: string;
  storyId?: string;
  /** Files sent with the DM, e.g. `{ type: 'image', url }`; Meta sends an image DM without text. */
  attachments?: Array<{ type: string; url: string }>;
}

export interface PostbackWebhookInput {
  igUserId: string;
  senderId: string;
  payload: string;
  title?: string;
  mid?: string;
}

/** A DM whose attachment is a `story_mention`: the person mentioned the business in their story. */
export interface StoryMentionWebhookInput {
  igUserId: string;
  senderId: string;
  storyUrl?: string;
  mid?: string;
}

/** `mentions`: the business was @-mentioned in a comment or caption; `fromId` names the author (left out: Meta's bare FBL shape). */
export interface MentionWebhookInput {
  igUserId: string;
  commentId?: string;
  mediaId?: string;
  fromId?: string;
  username?: string;
  text?: string;
}

/** `messaging_referral`: the person opened `ig.me/m/<username>?ref=<ref>`. */
export interface ReferralWebhookInput {
  igUserId: string;
  senderId: string;
  ref: string;
}

export type MetaWebhookBody = { object: 'instagram'; entry: Array<Record<string, unknown>> };

export function commentWebhook(input: CommentWebhookInput): MetaWebhookBody {
  const value = {
    from: { id: input.fromId ?? numericId('', 17), username: input.username ?? 'sandbox_user' },
    media: { id: input.mediaId ?? numericId('18', 17), media_product_type: input.live ? 'LIVE' : 'FEED' },
    id: input.commentId ?? numericId('179', 17),
    text: input.text,
  };
  return {
    object: 'instagram',
    entry: [
      { id: input.igUserId, time: Math.floor(Date.now() / 1000), changes: [{ field: input.live ? 'live_comments' : 'comments', value }] },
    ],
  };
}

export function dmWebhook(input: DmWebhookInput): MetaWebhookBody {
  const message: Record<string, unknown> = { mid: input.mid ?? messageId() };
  if (input.text !== undefined || !input.attachments?.length) message.text = input.text ?? '';
  if (input.attachments?.length) message.attachments = input.attachments.map(({ type, url }) => ({ type, payload: { url } }));
  if (input.quickReplyPayload) message.quick_reply = { payload: input.quickReplyPayload };
  if (input.storyId) message.reply_to = { story: { id: input.storyId, url: `https://cdn.sandbox/story/${input.storyId}` } };
  return messagingWebhook(input.igUserId, input.senderId, { message });
}

export function postbackWebhook(input: PostbackWebhookInput): MetaWebhookBody {
  return messagingWebhook(input.igUserId, input.senderId, {
    postback: { mid: input.mid ?? messageId(), title: input.title ?? 'Button', payload: input.payload },
  });
}

function messagingWebhook(igUserId: string, senderId: string, event: Record<string, unknown>): MetaWebhookBody {
  const now = Date.now();
  return {
    object: 'instagram',
    entry: [{ id: igUserId, time: now, messaging: [{ sender: { id: senderId }, recipient: { id: igUserId }, timestamp: now, ...event }] }],
  };
}

export function storyMentionWebhook(input: StoryMentionWebhookInput): MetaWebhookBody {
  const url = input.storyUrl ?? `https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=${numericId('', 17)}`;
  return messagingWebhook(input.igUserId, input.senderId, {
    message: { mid: input.mid ?? messageId(), attachments: [{ type: 'story_mention', payload: { url } }] },
  });
}

export function mentionWebhook(input: MentionWebhookInput): MetaWebhookBody {
  const value: Record<string, unknown> = {
    media_id: input.mediaId ?? numericId('18', 17),
    comment_id: input.commentId ?? numericId('179', 17),
  };
  if (input.fromId) value.from = { id: input.fromId, username: input.username ?? 'sandbox_user' };
  if (input.text !== undefined) value.text = input.text;
  return {
    object: 'instagram',
    entry: [{ id: input.igUserId, time: Math.floor(Date.now() / 1000), changes: [{ field: 'mentions', value }] }],
  };
}

export function referralWebhook(input: ReferralWebhookInput): MetaWebhookBody {
  return messagingWebhook(input.igUserId, input.senderId, {
    referral: { ref: input.ref, source: 'IGME_SOURCE_LINK', type: 'OPEN_THREAD' },
  });
}
