import { messageId, numericId } from './ids';
import { META_ERRORS, MetaError } from './meta-errors';
import { listMedia, MEDIA_LIST_PATH } from './media-list';

export interface GraphRequest {
  path: string;
  token: string | null;
  body: unknown;
  /** The public URL of the call without its access token (paged lists link their next page to it). */
  url?: string;
}

/** What GET /<IGSID>?fields=username,is_user_follow_business answers; set through POST /_sandbox/profiles. */
export interface SandboxProfile {
  username?: string;
  is_user_follow_business?: boolean;
}

/** A post of the business account: GET /<media-id>?fields=id,timestamp answers it; set through POST /_sandbox/media. */
export interface SandboxMedia {
  /** ISO-8601 as Meta writes it, e.g. 2026-11-23T10:15:00+0000. */
  timestamp: string;
  media_product_type?: string;
  /** The business account's IG user id: GET /<owner_id>/media lists the post. */
  owner_id?: string;
  caption?: string;
  /** IMAGE, VIDEO (reels too) or CAROUSEL_ALBUM. */
  media_type?: string;
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
}

/** What the sandbox knows about Instagram objects: people and posts. */
export interface SandboxDirectory {
  profiles: Map<string, SandboxProfile>;
  media: Map<string, SandboxMedia>;
}

export type GraphAnswer = { status: number; body: unknown } | { status: number; error: MetaError };

const VERSION_PREFIX = /^\/v\d+(\.\d+)?(?=\/)/;
const SEND_PATH = /^\/([A-Za-z0-9_.-]+)\/messages$/;
const REPLIES_PATH = /^\/([A-Za-z0-9_.-]+)\/replies$/;
const PROFILE_PATH = /^\/([A-Za-z0-9_.-]+)$/;

export function withoutVersion(path: string): string {
  return path.replace(VERSION_PREFIX, '');
}

const invalid = (message: string): GraphAnswer => ({
  status: 400,
  error: { ...META_ERRORS.invalid_parameter, message: `(#100) ${message}` },
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Commenters answered by a private reply get a stable IGSID, so repeated replies show the same recipient. */
const commenterByComment = new Map<string, string>();

function sendMessage(body: unknown): GraphAnswer {
  if (!isObject(body) || !isObject(body.recipient)) return invalid('param recipient must be a JSON object');
  if (!isObject(body.message)) return invalid('param message must be a JSON object');
  const { recipient } = body;
  if (typeof recipient.id === 'string' && recipient.id)
    return { status: 200, body: { recipient_id: recipient.id, message_id: messageId() } };
  if (typeof recipient.comment_id === 'string' && recipient.comment_id) {
    const commenter = commenterByComment.get(recipient.comment_id) ?? numericId('', 16);
    commenterByComment.set(recipient.comment_id, commenter);
    return { status: 200, body: { recipient_id: commenter, message_id: messageId() } };
  }
  return invalid('recipient must have an id or a comment_id');
}

function replyToComment(body: unknown, query: URLSearchParams): GraphAnswer {
  const text = isObject(body) && typeof body.message === 'string' ? body.message : query.get('message');
  if (!text) return invalid('param message must be a non-empty string');
  return { status: 200, body: { id: numericId('178', 17) } };
}

function userProfile(igUserId: string, profiles: Map<string, SandboxProfile>): GraphAnswer {
  const profile = profiles.get(igUserId) ?? {};
  return {
    status: 200,
    body: {
      id: igUserId,
      username: profile.username ?? `user_${igUserId}`,
      ...('is_user_follow_business' in profile ? { is_user_follow_business: profile.is_user_follow_business } : {}),
    },
  };
}

function mediaObject(mediaId: string, media: SandboxMedia | undefined): GraphAnswer {
  if (!media)
    return {
      status: 400,
      error: {
        ...META_ERRORS.invalid_parameter,
        subcode: 33,
        message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      },
    };
  return { status: 200, body: { id: mediaId, timestamp: media.timestamp, media_product_type: media.media_product_type ?? 'FEED' } };
}

/** The subset of the Graph API dmflow calls: the Send API (DMs and private replies), comment replies, user profiles, posts and post lists. */
export function answerGraphCall(
  method: string,
  path: string,
  query: URLSearchParams,
  request: GraphRequest,
  directory: SandboxDirectory,
): GraphAnswer {
  if (!request.token)
    return {
      status: 400,
      error: {
        ...META_ERRORS.invalid_token,
        subcode: undefined,
        message: 'An active access token must be used to query information about the current user.',
      },
    };
  const mediaList = MEDIA_LIST_PATH.exec(path);
  if (method === 'GET' && mediaList) return listMedia(mediaList[1], query, directory.media, request.url ?? `http://sandbox${path}`);
  const objectPath = PROFILE_PATH.exec(path);
  if (method === 'GET' && objectPath) {
    const id = objectPath[1];
    const asksForPost = (query.get('fields') ?? '').split(',').includes('timestamp');
    return directory.media.has(id) || asksForPost ? mediaObject(id, directory.media.get(id)) : userProfile(id, directory.profiles);
  }
  if (method !== 'POST') return invalid(`Unsupported ${method} request.`);
  if (SEND_PATH.test(path)) return sendMessage(request.body);
  if (REPLIES_PATH.test(path)) return replyToComment(request.body, query);
  return invalid(`Unsupported post request. Object with ID '${path.split('/')[1] ?? ''}' does not exist.`);
}
