import type { MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { GraphApiError, parseGraphError } from './graph-api.error';

export interface SentMessage {
  recipientId: string | null;
  /** null only for a private reply Meta proved was sent (2534025) but whose message the conversation did not show. */
  messageId: string | null;
}

/** A message of a conversation as the Conversations API shows it. */
export interface ConversationMessage {
  id: string;
  text: string;
  createdAt: Date;
  fromId: string | null;
}

/** One page of a conversation's messages, newest first; `after` is the cursor of the next (older) page. */
export interface ConversationPage {
  messages: ConversationMessage[];
  after: string | null;
}

/** A public reply under a comment (GET /{comment-id}/replies). */
export interface CommentReply {
  id: string;
  text: string;
  createdAt: Date;
}

export interface UserProfile {
  username: string | null;
  /** null when Meta did not say (e.g. the person never messaged the account). */
  followsBusiness: boolean | null;
}

/** One post or reel as GET /<ig-user-id>/media describes it (fields the editor's post picker shows). */
export interface InstagramMedia {
  id: string;
  caption: string | null;
  mediaType: string;
  mediaUrl: string | null;
  thumbnailUrl: string | null;
  permalink: string | null;
  timestamp: string | null;
}

export interface InstagramMediaPage {
  media: InstagramMedia[];
  /** Meta's `paging.cursors.after` when `paging.next` says there is more; null on the last page. */
  after: string | null;
}

const MEDIA_FIELDS = 'id,caption,media_type,media_url,thumbnail_url,permalink,timestamp';

const REQUEST_TIMEOUT_MS = 15_000;

/** Network errors that happen before any byte of the request is sent. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function connectionErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Meta writes offsets without a colon (2026-11-23T10:15:00+0000); made ISO-8601 proper before parsing. */
function metaTime(value: unknown): Date {
  return new Date(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The thin HTTP layer over Meta's Graph API, at META_GRAPH_URL. Throws GraphApiError on any failure. */
@Injectable()
export class GraphApiClient {
  private readonly baseUrl: string;

  constructor(@InjectAppConfig() config: Pick<AppConfig, 'metaGraphUrl'>) {
    this.baseUrl = config.metaGraphUrl.replace(/\/+$/, '');
  }

  /** Sends as `senderIgUserId` (POST /<IG_ID>/messages, the form Meta documents for private replies), else as /me. */
  async sendMessage(
    accessToken: string,
    recipient: MessageRecipient,
    message: OutgoingMessage,
    senderIgUserId?: string,
    tag?: string,
  ): Promise<SentMessage> {
    const sender = senderIgUserId ? encodeURIComponent(senderIgUserId) : 'me';
    // A tagged message (HUMAN_AGENT) is sent as Meta documents it: messaging_type MESSAGE_TAG with the tag.
    const tagged = tag ? { messaging_type: 'MESSAGE_TAG', tag } : {};
    const body = await this.post(accessToken, `/${sender}/messages`, { recipient, message, ...tagged });
    return { recipientId: (body.recipient_id as string | undefined) ?? null, messageId: String(body.message_id) };
  }

  /** A public reply under a comment; returns the new comment's id. */
  async replyToComment(accessToken: string, commentId: string, text: string): Promise<{ id: string }> {
    const body = await this.post(accessToken, `/${encodeURIComponent(commentId)}/replies`, { message: text });
    return { id: String(body.id) };
  }

  /** Hides or unhides a comment on the business's media (POST /{comment-id}?hide=true|false). */
  async setCommentHidden(accessToken: string, commentId: string, hidden: boolean): Promise<void> {
    await this.request(accessToken, 'POST', `/${encodeURIComponent(commentId)}?hide=${hidden ? 'true' : 'false'}`);
  }

  /** Deletes a comment on the business's media (DELETE /{comment-id}). */
  async deleteComment(accessToken: string, commentId: string): Promise<void> {
    await this.request(accessToken, 'DELETE', `/${encodeURIComponent(commentId)}`);
  }

  /** Sets conversation starters and/or the persistent menu (POST /{ig-user-id}/messenger_profile). */
  async setMessengerProfile(accessToken: string, igUserId: string, profile: Record<string, unknown>): Promise<void> {
    await this.post(accessToken, `/${encodeURIComponent(igUserId)}/messenger_profile`, profile);
  }

  /** Removes parts of the messenger profile (DELETE /{ig-user-id}/messenger_profile with `fields`). */
  async deleteMessengerProfileFields(accessToken: string, igUserId: string, fields: string[]): Promise<void> {
    await this.request(accessToken, 'DELETE', `/${encodeURIComponent(igUserId)}/messenger_profile`, { platform: 'instagram', fields });
  }

  /** The person's profile as the business sees it; `is_user_follow_business` drives follow gates. */
  async userProfile(accessToken: string, igUserId: string): Promise<UserProfile> {
    const body = await this.request(accessToken, 'GET', `/${encodeURIComponent(igUserId)}?fields=username,is_user_follow_business`);
    return {
      username: typeof body.username === 'string' ? body.username : null,
      followsBusiness: typeof body.is_user_follow_business === 'boolean' ? body.is_user_follow_business : null,
    };
  }

  /** When a post of the business account was published (GET /<media-id>?fields=id,timestamp). */
  async mediaPublishedAt(accessToken: string, mediaId: string): Promise<Date> {
    const body = await this.request(accessToken, 'GET', `/${encodeURIComponent(mediaId)}?fields=id,timestamp`);
    // Meta writes offsets without a colon (2026-11-23T10:15:00+0000); make it ISO-8601 proper before parsing.
    const publishedAt = metaTime(body.timestamp);
    if (Number.isNaN(publishedAt.getTime()))
      throw new GraphApiError(200, null, null, `post ${mediaId} has no readable timestamp (${String(body.timestamp)})`, null, null);
    return publishedAt;
  }

  /** The conversation between the business and one person (Conversations API), or null when there is none. */
  async conversationWith(accessToken: string, igUserId: string, personIgsid: string): Promise<string | null> {
    const query = new URLSearchParams({ platform: 'instagram', user_id: personIgsid });
    const body = await this.request(accessToken, 'GET', `/${encodeURIComponent(igUserId)}/conversations?${query.toString()}`);
    const first = Array.isArray(body.data) ? (body.data[0] as { id?: unknown } | undefined) : undefined;
    return typeof first?.id === 'string' ? first.id : null;
  }

  /** A page of a conversation's messages, newest first: the first page, or the one after `after`. */
  async conversationMessages(accessToken: string, conversationId: string, after: string | null): Promise<ConversationPage> {
    const fields = 'id,message,created_time,from';
    const conversation = encodeURIComponent(conversationId);
    // The next page is asked for by its cursor rather than by following paging.next, so our token never goes to a URL Meta wrote.
    const messages = after
      ? await this.request(accessToken, 'GET', `/${conversation}/messages?${new URLSearchParams({ fields, after }).toString()}`)
      : ((await this.request(accessToken, 'GET', `/${conversation}?fields=messages{${fields}}`)).messages as
          Record<string, unknown> | undefined);
    const data = Array.isArray(messages?.data) ? (messages.data as Array<Record<string, unknown>>) : [];
    const paging = messages?.paging as { cursors?: { after?: unknown }; next?: unknown } | undefined;
    return {
      messages: data.map((message) => ({
        id: String(message.id),
        text: typeof message.message === 'string' ? message.message : '',
        createdAt: metaTime(message.created_time),
        fromId: typeof (message.from as { id?: unknown } | undefined)?.id === 'string' ? (message.from as { id: string }).id : null,
      })),
      after: paging?.next && typeof paging.cursors?.after === 'string' ? paging.cursors.after : null,
    };
  }

  /** The public replies under a comment. */
  async commentReplies(accessToken: string, commentId: string): Promise<CommentReply[]> {
    const body = await this.request(accessToken, 'GET', `/${encodeURIComponent(commentId)}/replies?fields=id,text,timestamp`);
    const data = Array.isArray(body.data) ? (body.data as Array<Record<string, unknown>>) : [];
    return data.map((reply) => ({
      id: String(reply.id),
      text: typeof reply.text === 'string' ? reply.text : '',
      createdAt: metaTime(reply.timestamp),
    }));
  }

  /** A page of the business account's posts and reels, newest first (GET /<ig-user-id>/media). */
  async listMedia(accessToken: string, igUserId: string, page: { after?: string; limit: number }): Promise<InstagramMediaPage> {
    const query = new URLSearchParams({ fields: MEDIA_FIELDS, limit: String(page.limit), ...(page.after ? { after: page.after } : {}) });
    const body = await this.request(accessToken, 'GET', `/${encodeURIComponent(igUserId)}/media?${query.toString()}`);
    const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
    const data = Array.isArray(body.data) ? (body.data as Record<string, unknown>[]) : [];
    const paging = (body.paging ?? {}) as { next?: unknown; cursors?: { after?: unknown } };
    return {
      media: data
        .filter((item) => text(item.id))
        .map((item) => ({
          id: String(item.id),
          caption: text(item.caption),
          mediaType: text(item.media_type) ?? 'IMAGE',
          mediaUrl: text(item.media_url),
          thumbnailUrl: text(item.thumbnail_url),
          permalink: text(item.permalink),
          timestamp: text(item.timestamp),
        })),
      after: text(paging.next) ? text(paging.cursors?.after) : null,
    };
  }

  private post(accessToken: string, path: string, payload: unknown): Promise<Record<string, unknown>> {
    return this.request(accessToken, 'POST', path, payload);
  }

  private async request(
    accessToken: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    payload?: unknown,
  ): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      // A POST whose connection was made may have reached Meta before the answer was lost.
      const inDoubt = method === 'POST' && !NEVER_CONNECTED.has(connectionErrorCode(error) ?? '');
      throw new GraphApiError(0, null, null, `Graph API unreachable: ${(error as Error).message}`, null, null, inDoubt);
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { raw: text.slice(0, 1000) };
    }
    const metaError = (body as { error?: unknown } | null)?.error;
    // A 5xx without Meta's error envelope came from something in between (a proxy, a load balancer): Meta may have acted.
    if (!response.ok && !metaError && method === 'POST' && response.status >= 500)
      throw new GraphApiError(
        response.status,
        null,
        null,
        `Graph API answered HTTP ${response.status} without an answer from Meta`,
        null,
        null,
        true,
      );
    if (!response.ok || metaError) throw parseGraphError(response.status, body);
    return (body ?? {}) as Record<string, unknown>;
  }
}
