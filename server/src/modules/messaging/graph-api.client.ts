import type { MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { GraphApiError, parseGraphError } from './graph-api.error';

export interface SentMessage {
  recipientId: string | null;
  messageId: string;
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
  ): Promise<SentMessage> {
    const sender = senderIgUserId ? encodeURIComponent(senderIgUserId) : 'me';
    const body = await this.post(accessToken, `/${sender}/messages`, { recipient, message });
    return { recipientId: (body.recipient_id as string | undefined) ?? null, messageId: String(body.message_id) };
  }

  /** A public reply under a comment; returns the new comment's id. */
  async replyToComment(accessToken: string, commentId: string, text: string): Promise<{ id: string }> {
    const body = await this.post(accessToken, `/${encodeURIComponent(commentId)}/replies`, { message: text });
    return { id: String(body.id) };
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
    const publishedAt = new Date(String(body.timestamp).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(publishedAt.getTime()))
      throw new GraphApiError(200, null, null, `post ${mediaId} has no readable timestamp (${String(body.timestamp)})`, null, null);
    return publishedAt;
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

  private async request(accessToken: string, method: 'GET' | 'POST', path: string, payload?: unknown): Promise<Record<string, unknown>> {
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
    if (!response.ok || (body as { error?: unknown } | null)?.error) throw parseGraphError(response.status, body);
    return (body ?? {}) as Record<string, unknown>;
  }
}
