import { createHmac } from 'node:crypto';
import {
  mentionWebhook,
  MentionWebhookInput,
  referralWebhook,
  ReferralWebhookInput,
  storyMentionWebhook,
  StoryMentionWebhookInput,
  commentWebhook,
  CommentWebhookInput,
  dmWebhook,
  DmWebhookInput,
  postbackWebhook,
  PostbackWebhookInput,
} from './meta-webhook-events';

export interface WebhookDelivery {
  status: number;
  body: unknown;
  /** The exact JSON posted, so a test can deliver it again byte for byte. */
  payload: string;
}

/** X-Hub-Signature-256 as Meta computes it: `sha256=` + hex HMAC-SHA256 of the raw body with the app secret. */
export function metaSignature(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Plays Meta: posts signed Instagram webhooks to a dmflow server's /meta/webhook. */
export class MetaWebhookSender {
  constructor(
    /** The dmflow server's base URL, e.g. http://127.0.0.1:3000. */
    private readonly serverUrl: string,
    private readonly appSecret: string,
  ) {}

  comment(input: CommentWebhookInput): Promise<WebhookDelivery> {
    return this.post(JSON.stringify(commentWebhook(input)));
  }

  dm(input: DmWebhookInput): Promise<WebhookDelivery> {
    return this.post(JSON.stringify(dmWebhook(input)));
  }

  postback(input: PostbackWebhookInput): Promise<WebhookDelivery> {
    return this.post(JSON.stringify(postbackWebhook(input)));
  }

  storyMention(input: StoryMentionWebhookInput): Promise<WebhookDelivery> {
    return this.post(JSON.stringify(storyMentionWebhook(input)));
  }

  mention(input: MentionWebhookInput): Promise<WebhookDelivery> {
    return this.post(JSON.stringify(mentionWebhook(input)));
  }

  referral(input: ReferralWebhookInput): Promise<WebhookDelivery> {
    return this.post(JSON.stringify(referralWebhook(input)));
  }

  /** Posts a raw body signed with the app secret (Meta's retries resend the same bytes). */
  async post(payload: string, headers: Record<string, string> = {}): Promise<WebhookDelivery> {
    const url = `${this.serverUrl.replace(/\/+$/, '')}/meta/webhook`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': metaSignature(payload, this.appSecret), ...headers },
        body: payload,
      });
    } catch (error) {
      throw new Error(`could not reach ${url}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: response.status, body, payload };
  }
}
