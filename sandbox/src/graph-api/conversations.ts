import { createHash } from 'node:crypto';
import { numericId } from './ids';
import { META_ERRORS, MetaError } from './meta-errors';

/** A message the business sent, as the Conversations API shows it. */
interface StoredMessage {
  id: string;
  message: string;
  createdAt: Date;
  fromId: string;
  toId: string;
  /** Meta's message tag the send carried (HUMAN_AGENT), if any. */
  tag?: string;
}

interface Conversation {
  id: string;
  businessId: string;
  userId: string;
  /** Oldest first; pages are served newest first, as Meta does. */
  messages: StoredMessage[];
}

/** A public reply under a comment, as GET /{comment-id}/replies shows it. */
interface StoredReply {
  id: string;
  text: string;
  createdAt: Date;
  fromId: string;
}

export type ConversationAnswer = { status: number; body: unknown } | { status: number; error: MetaError };

/** Meta's default page size for a conversation's messages (only the 20 most recent carry details). */
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const MESSAGE_FIELDS = ['id', 'message', 'created_time', 'from', 'to'] as const;

/** Meta writes times as 2026-12-06T08:50:00+0000 (seconds, no colon in the offset). */
export function metaTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

const cursorOf = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');

function offsetOf(cursor: string | null): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : -1;
}

function invalid(message: string): ConversationAnswer {
  return { status: 400, error: { ...META_ERRORS.invalid_parameter, message: `(#100) ${message}` } };
}

/**
 * What Instagram remembers of what was sent through the sandbox: each business ↔ person conversation with the
 * messages that went out (DMs and private replies), which comments already got their one private reply, and the
 * public replies under each comment. Serves the Conversations API and GET /{comment-id}/replies from it.
 */
export class SandboxConversations {
  private readonly conversations = new Map<string, Conversation>();
  private readonly privateReplies = new Map<string, string>();
  private readonly commenters = new Map<string, string>();
  private readonly replies = new Map<string, StoredReply[]>();

  clear(): void {
    this.conversations.clear();
    this.privateReplies.clear();
    this.commenters.clear();
    this.replies.clear();
  }

  /** Who wrote a comment (learned from comment webhooks posted through the sandbox, or set by a test). */
  setCommenter(commentId: string, igUserId: string): void {
    this.commenters.set(commentId, igUserId);
  }

  /** The commenter's IGSID: known, or made up once per comment so repeated calls agree. */
  commenterOf(commentId: string): string {
    const known = this.commenters.get(commentId) ?? numericId('', 16);
    this.commenters.set(commentId, known);
    return known;
  }

  /** The message id of the private reply a comment already got (Meta allows one), if any. */
  privateReplyOf(commentId: string): string | undefined {
    return this.privateReplies.get(commentId);
  }

  recordPrivateReply(commentId: string, messageId: string): void {
    this.privateReplies.set(commentId, messageId);
  }

  recordSent(businessId: string, userId: string, message: { id: string; text: string; tag?: string }): void {
    const key = `${businessId}:${userId}`;
    const conversation = this.conversations.get(key) ?? {
      id: Buffer.from(`ig_conversation_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`).toString('base64url'),
      businessId,
      userId,
      messages: [],
    };
    conversation.messages.push({
      id: message.id,
      message: message.text,
      createdAt: new Date(),
      fromId: businessId,
      toId: userId,
      tag: message.tag,
    });
    this.conversations.set(key, conversation);
  }

  recordReply(commentId: string, reply: { id: string; text: string; fromId: string }): void {
    this.replies.set(commentId, [...(this.replies.get(commentId) ?? []), { ...reply, createdAt: new Date() }]);
  }

  isConversation(id: string): boolean {
    return this.find(id) !== undefined;
  }

  /** GET /{ig-user-id}/conversations?platform=instagram[&user_id=<IGSID>] */
  list(businessId: string, query: URLSearchParams): ConversationAnswer {
    if (query.get('platform') !== 'instagram') return invalid('param platform must be one of {MESSENGER, INSTAGRAM}');
    const userId = query.get('user_id');
    const data = [...this.conversations.values()]
      .filter((conversation) => conversation.businessId === businessId && (!userId || conversation.userId === userId))
      .map((conversation) => ({ id: conversation.id, updated_time: metaTime(conversation.messages.at(-1)?.createdAt ?? new Date()) }));
    return { status: 200, body: { data } };
  }

  /** GET /{conversation-id}?fields=messages{id,message,created_time,from} (also messages.limit(n){…}). */
  conversation(conversationId: string, query: URLSearchParams, baseUrl: string): ConversationAnswer {
    const conversation = this.find(conversationId);
    if (!conversation) return invalid(`Object with ID '${conversationId}' does not exist`);
    const fields = query.get('fields') ?? '';
    const body: Record<string, unknown> = { id: conversation.id };
    const nested = /messages(?:\.limit\((\d+)\))?(?:\{([^}]*)\})?/.exec(fields);
    if (nested) {
      const limit = nested[1] ? Number(nested[1]) : DEFAULT_PAGE_SIZE;
      const messageFields = nested[2] ? nested[2].split(',') : ['id', 'created_time'];
      body.messages = this.page(conversation, messageFields, limit, 0, baseUrl);
    }
    if (fields.split(',').includes('updated_time')) body.updated_time = metaTime(conversation.messages.at(-1)?.createdAt ?? new Date());
    return { status: 200, body };
  }

  /** GET /{conversation-id}/messages?fields=id,message,created_time,from&limit=&after= (where paging.next points). */
  messages(conversationId: string, query: URLSearchParams, baseUrl: string): ConversationAnswer {
    const conversation = this.find(conversationId);
    if (!conversation) return invalid(`Object with ID '${conversationId}' does not exist`);
    const offset = offsetOf(query.get('after'));
    if (offset < 0) return invalid('param after is not a valid cursor');
    const fields = (query.get('fields') ?? 'id,created_time').split(',');
    return { status: 200, body: this.page(conversation, fields, Number(query.get('limit') ?? DEFAULT_PAGE_SIZE), offset, baseUrl) };
  }

  /** GET /{comment-id}/replies?fields=id,text,timestamp,from */
  commentReplies(commentId: string): ConversationAnswer {
    const data = (this.replies.get(commentId) ?? []).map((reply) => ({
      id: reply.id,
      text: reply.text,
      timestamp: metaTime(reply.createdAt),
      from: { id: reply.fromId, username: `business_${reply.fromId}` },
    }));
    return { status: 200, body: { data } };
  }

  private find(conversationId: string): Conversation | undefined {
    return [...this.conversations.values()].find((conversation) => conversation.id === conversationId);
  }

  private page(conversation: Conversation, fields: string[], requestedLimit: number, offset: number, baseUrl: string): unknown {
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.isFinite(requestedLimit) ? requestedLimit : DEFAULT_PAGE_SIZE));
    const newestFirst = [...conversation.messages].reverse();
    const slice = newestFirst.slice(offset, offset + limit);
    const wanted = new Set(fields.map((field) => field.trim()).filter((field) => (MESSAGE_FIELDS as readonly string[]).includes(field)));
    const data = slice.map((message) => {
      const shown: Record<string, unknown> = { id: message.id };
      if (wanted.has('message')) shown.message = message.message;
      if (wanted.has('created_time')) shown.created_time = metaTime(message.createdAt);
      if (wanted.has('from')) shown.from = { username: `business_${message.fromId}`, id: message.fromId };
      if (wanted.has('to')) shown.to = { data: [{ username: `user_${message.toId}`, id: message.toId }] };
      return shown;
    });
    if (!data.length) return { data };
    const after = cursorOf(offset + slice.length);
    const more = offset + slice.length < newestFirst.length;
    const next = `${baseUrl}/${conversation.id}/messages?${new URLSearchParams({ fields: [...wanted].join(','), limit: String(limit), after }).toString()}`;
    return { data, paging: { cursors: { before: cursorOf(offset), after }, ...(more ? { next } : {}) } };
  }
}
