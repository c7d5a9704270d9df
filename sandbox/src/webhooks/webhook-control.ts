import {
  CommentWebhookInput,
  DmWebhookInput,
  MentionWebhookInput,
  PostbackWebhookInput,
  ReferralWebhookInput,
  StoryMentionWebhookInput,
} from './meta-webhook-events';
import { MetaWebhookSender, WebhookDelivery } from './meta-webhook-sender';

/** Where the sandbox posts webhooks when a request does not say: a dmflow server and the Meta app secret it checks. */
export interface WebhookTarget {
  serverUrl?: string;
  appSecret?: string;
}

export const WEBHOOK_KINDS = ['comment', 'dm', 'postback', 'story-mention', 'mention', 'referral'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

type Fields = Record<string, unknown>;

function text(fields: Fields, name: string, required: boolean): string | undefined {
  const value = fields[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && !value)) throw new Error(`${name} must be a${required ? ' non-empty' : ''} string`);
  return value;
}

type WebhookInput =
  CommentWebhookInput | DmWebhookInput | PostbackWebhookInput | StoryMentionWebhookInput | MentionWebhookInput | ReferralWebhookInput;

function input(kind: WebhookKind, fields: Fields): WebhookInput {
  const igUserId = text(fields, 'igUserId', true) as string;
  switch (kind) {
    case 'comment':
      return {
        igUserId,
        text: text(fields, 'text', true) as string,
        mediaId: text(fields, 'mediaId', false),
        commentId: text(fields, 'commentId', false),
        fromId: text(fields, 'fromId', false),
        username: text(fields, 'username', false),
        live: fields.live === true,
      };
    case 'dm':
      return {
        igUserId,
        senderId: text(fields, 'senderId', true) as string,
        text: text(fields, 'text', false),
        mid: text(fields, 'mid', false),
        quickReplyPayload: text(fields, 'quickReplyPayload', false),
        storyId: text(fields, 'storyId', false),
      };
    case 'postback':
      return {
        igUserId,
        senderId: text(fields, 'senderId', true) as string,
        payload: text(fields, 'payload', true) as string,
        title: text(fields, 'title', false),
        mid: text(fields, 'mid', false),
      };
    case 'story-mention':
      return {
        igUserId,
        senderId: text(fields, 'senderId', true) as string,
        storyUrl: text(fields, 'storyUrl', false),
        mid: text(fields, 'mid', false),
      };
    case 'mention':
      return {
        igUserId,
        commentId: text(fields, 'commentId', false),
        mediaId: text(fields, 'mediaId', false),
        fromId: text(fields, 'fromId', false),
        username: text(fields, 'username', false),
        text: text(fields, 'text', false),
      };
    case 'referral':
      return { igUserId, senderId: text(fields, 'senderId', true) as string, ref: text(fields, 'ref', true) as string };
  }
}

/**
 * POST /_sandbox/webhooks/{comment|dm|postback|story-mention|mention|referral}: signs and posts one Instagram webhook to a dmflow server.
 * The JSON body holds the event fields plus optional `serverUrl` and `appSecret` (defaults: the sandbox's target).
 */
export async function postWebhookFromControl(kind: string, body: unknown, target: WebhookTarget): Promise<WebhookDelivery> {
  if (!(WEBHOOK_KINDS as readonly string[]).includes(kind)) throw new Error(`webhook kind must be one of ${WEBHOOK_KINDS.join(', ')}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('the body must be a JSON object');
  const fields = body as Fields;
  const serverUrl = text(fields, 'serverUrl', false) ?? target.serverUrl;
  const appSecret = text(fields, 'appSecret', false) ?? target.appSecret;
  if (!serverUrl || !appSecret)
    throw new Error('no target: pass serverUrl and appSecret, or start the sandbox with SANDBOX_WEBHOOK_TARGET and META_APP_SECRET');
  const sender = new MetaWebhookSender(serverUrl, appSecret);
  const webhookKind = kind as WebhookKind;
  switch (webhookKind) {
    case 'comment':
      return sender.comment(input(webhookKind, fields) as CommentWebhookInput);
    case 'dm':
      return sender.dm(input(webhookKind, fields) as DmWebhookInput);
    case 'postback':
      return sender.postback(input(webhookKind, fields) as PostbackWebhookInput);
    case 'story-mention':
      return sender.storyMention(input(webhookKind, fields) as StoryMentionWebhookInput);
    case 'mention':
      return sender.mention(input(webhookKind, fields));
    case 'referral':
      return sender.referral(input(webhookKind, fields) as ReferralWebhookInput);
  }
}
