import type { SandboxCommentModeration } from './comment-moderation';
import { SandboxConversations } from './conversations';
import { MESSENGER_PROFILE_PATH, type SandboxMessengerProfiles } from './messenger-profiles';
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

/** What the sandbox knows about Instagram objects: people, posts, and what was sent (conversations, replies). */
export interface SandboxDirectory {
  profiles: Map<string, SandboxProfile>;
  media: Map<string, SandboxMedia>;
  conversations: SandboxConversations;
  /** Conversation starters and persistent menus set through the Messenger Profile API. */
  messengerProfiles: SandboxMessengerProfiles;
  /** Comments hidden or deleted by their post's owner. */
  moderation: SandboxCommentModeration;
  /** The sandbox's own Graph base URL (`http://host:port/v25.0`), for paging links. */
  graphUrl: string;
}

export type GraphAnswer = { status: number; body: unknown } | { status: number; error: MetaError };

const VERSION_PREFIX = /^\/v\d+(\.\d+)?(?=\/)/;
const SEND_PATH = /^\/([A-Za-z0-9_.-]+)\/messages$/;
const REPLIES_PATH = /^\/([A-Za-z0-9_.-]+)\/replies$/;
const PROFILE_PATH = /^\/([A-Za-z0-9_.-]+)$/;
const CONVERSATIONS_PATH = /^\/([A-Za-z0-9_.-]+)\/conversations$/;

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

/** Meta allows one private reply per comment; a second is refused with subcode 2534025 (code 100 as third-party code has it). */
const privateReplyAlreadySent = (): GraphAnswer => ({
  status: 400,
  error: { ...META_ERRORS.invalid_parameter, subcode: 2534025, message: '(#100) Private reply already used for the comment' },
});

function messageText(message: Record<string, unknown>): string {
  return typeof message.text === 'string' ? message.text : '';
}

/**
 * Instagram's one message tag, HUMAN_AGENT (reference §2.4): `"tag":"HUMAN_AGENT"`, with `messaging_type` MESSAGE_TAG
 * or (as Meta's Postman sample) without it. Returns the tag, or why the request is refused.
 */
function messageTag(body: Record<string, unknown>): { tag?: string } | string {
  if (body.tag === undefined) return body.messaging_type === 'MESSAGE_TAG' ? 'param tag is required with messaging_type MESSAGE_TAG' : {};
  if (body.tag !== 'HUMAN_AGENT') return 'param tag must be HUMAN_AGENT';
  if (body.messaging_type !== undefined && body.messaging_type !== 'MESSAGE_TAG')
    return 'param messaging_type must be MESSAGE_TAG with a tag';
  return { tag: body.tag };
}

/** The sender is the account in the path (`/<IG_ID>/messages`); `/me/messages` is kept apart under "me". */
function sendMessage(senderId: string, body: unknown, conversations: SandboxConversations): GraphAnswer {
  if (!isObject(body) || !isObject(body.recipient)) return invalid('param recipient must be a JSON object');
  if (!isObject(body.message)) return invalid('param message must be a JSON object');
  const { recipient } = body;
  const text = messageText(body.message);
  const tagged = messageTag(body);
  if (typeof tagged !== 'object') return invalid(tagged);
  if (typeof recipient.id === 'string' && recipient.id) {
    const id = messageId();
    conversations.recordSent(senderId, recipient.id, { id, text, tag: tagged.tag });
    return { status: 200, body: { recipient_id: recipient.id, message_id: id } };
  }
  if (typeof recipient.comment_id === 'string' && recipient.comment_id) {
    if (tagged.tag) return invalid('a private reply cannot carry a message tag');
    if (conversations.privateReplyOf(recipient.comment_id)) return privateReplyAlreadySent();
    const commenter = conversations.commenterOf(recipient.comment_id);
    const id = messageId();
    conversations.recordPrivateReply(recipient.comment_id, id);
    conversations.recordSent(senderId, commenter, { id, text });
    return { status: 200, body: { recipient_id: commenter, message_id: id } };
  }
  return invalid('recipient must have an id or a comment_id');
}

function replyToComment(commentId: string, body: unknown, query: URLSearchParams, conversations: SandboxConversations): GraphAnswer {
  const text = isObject(body) && typeof body.message === 'string' ? body.message : query.get('message');
  if (!text) return invalid('param message must be a non-empty string');
  const id = numericId('178', 17);
  conversations.recordReply(commentId, { id, text, fromId: 'me' });
  return { status: 200, body: { id } };
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

/**
 * The subset of the Graph API dmflow calls: the Send API (DMs and private replies), comment replies (and reading
 * them back), comment moderation (hide, unhide, delete), the Messenger Profile API (ice breakers, persistent menu),
 * the Conversations API, user profiles, posts and post lists.
 */
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
  const { conversations } = directory;
  const profilePath = MESSENGER_PROFILE_PATH.exec(path);
  if (profilePath) return directory.messengerProfiles.answer(method, profilePath[1], request.body, query);
  if (method === 'DELETE' && PROFILE_PATH.exec(path)) return directory.moderation.remove(path.slice(1));
  if (method === 'POST' && PROFILE_PATH.exec(path) && query.has('hide'))
    return directory.moderation.hide(path.slice(1), query.get('hide') ?? '');
  if (method === 'GET') {
    const listed = CONVERSATIONS_PATH.exec(path);
    if (listed) return conversations.list(listed[1], query);
    const messages = SEND_PATH.exec(path);
    if (messages) return conversations.messages(messages[1], query, directory.graphUrl);
    const replies = REPLIES_PATH.exec(path);
    if (replies) return conversations.commentReplies(replies[1]);
  }
  const mediaList = MEDIA_LIST_PATH.exec(path);
  if (method === 'GET' && mediaList) return listMedia(mediaList[1], query, directory.media, request.url ?? `http://sandbox${path}`);
  const objectPath = PROFILE_PATH.exec(path);
  if (method === 'GET' && objectPath && conversations.isConversation(objectPath[1]))
    return conversations.conversation(objectPath[1], query, directory.graphUrl);
  if (method === 'GET' && objectPath) {
    const id = objectPath[1];
    const asksForPost = (query.get('fields') ?? '').split(',').includes('timestamp');
    return directory.media.has(id) || asksForPost ? mediaObject(id, directory.media.get(id)) : userProfile(id, directory.profiles);
  }
  if (method !== 'POST') return invalid(`Unsupported ${method} request.`);
  const sender = SEND_PATH.exec(path);
  if (sender) return sendMessage(sender[1], request.body, conversations);
  const replied = REPLIES_PATH.exec(path);
  if (replied) return replyToComment(replied[1], request.body, query, conversations);
  return invalid(`Unsupported post request. Object with ID '${path.split('/')[1] ?? ''}' does not exist.`);
}
