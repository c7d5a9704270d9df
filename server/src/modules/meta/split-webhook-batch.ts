import {
  isJsonObject,
  normalizeInboundEvent,
  type InstagramChange,
  type InstagramComment,
  type InstagramEntry,
  type InstagramEventKind,
  type InstagramMessaging,
  type InstagramWebhookEvent,
  type JsonObject,
} from '@dmflow/shared';
import { createHash } from 'node:crypto';
import type { InboxEventDraft } from '../inbox/inbox-event-draft';

/** A draft before normalization: the splitter classifies, shared/src/instagram reads. */
type ClassifiedEvent = Omit<InboxEventDraft, 'inbound'>;

export class InvalidWebhookPayload extends Error {}

const COMMENT_FIELDS: Record<string, InstagramEventKind> = { comments: 'comment', live_comments: 'live_comment' };

function hashKey(value: unknown): string {
  return `hash:${createHash('sha256').update(JSON.stringify(value)).digest('hex')}`;
}

/** Meta sends milliseconds on messaging events and seconds on some changes. */
function toDate(time: unknown, fallback: Date): Date {
  if (typeof time !== 'number' || !Number.isFinite(time) || time <= 0) return fallback;
  return new Date(time < 1e12 ? time * 1000 : time);
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function fromChange(object: string, entry: InstagramEntry, change: InstagramChange, receivedAt: Date): ClassifiedEvent {
  const igAccountId = String(entry.id ?? '');
  const event: InstagramWebhookEvent = { object, entry: [{ id: entry.id, time: entry.time, changes: [change] }] };
  const occurredAt = toDate(entry.time, receivedAt);
  const field = typeof change?.field === 'string' ? change.field : '';
  if (field === 'mentions') return fromMention(igAccountId, change, event, occurredAt);
  const kind = COMMENT_FIELDS[field];
  if (!kind)
    return {
      igAccountId,
      dedupeKey: hashKey(change),
      kind: 'other',
      event,
      occurredAt,
      skipReason: `unsupported_field:${field || '(none)'}`,
    };
  const value: InstagramComment = isJsonObject(change.value) ? change.value : {};
  const commentId = value.id ?? value.comment_id;
  if (typeof commentId !== 'string' || !commentId || typeof value.from?.id !== 'string') {
    return { igAccountId, dedupeKey: hashKey(change), kind, event, occurredAt, skipReason: 'malformed_event' };
  }
  // Our own comments, including the public replies dmflow posts, come back as webhooks: never act on them.
  const ownComment = value.from.id === igAccountId || Boolean(value.from.self_ig_scoped_id);
  return { igAccountId, dedupeKey: `comment:${commentId}`, kind, event, occurredAt, skipReason: ownComment ? 'own_comment' : null };
}

/**
 * `mentions`: the business was @-mentioned in a post or comment. Meta's Facebook-Login payload names only the media
 * and comment; without an author (`from`) there is nobody to start a flow for, so such events are kept, skipped.
 */
function fromMention(igAccountId: string, change: InstagramChange, event: InstagramWebhookEvent, occurredAt: Date): ClassifiedEvent {
  const value: InstagramComment = isJsonObject(change.value) ? change.value : {};
  const commentId = value.comment_id ?? value.id;
  const base = { igAccountId, kind: 'mention' as const, event, occurredAt };
  if (typeof commentId !== 'string' || !commentId) return { ...base, dedupeKey: hashKey(change), skipReason: 'malformed_event' };
  const dedupeKey = `mention:${commentId}`;
  if (typeof value.from?.id !== 'string' || !value.from.id) return { ...base, dedupeKey, skipReason: 'mention_without_author' };
  const ownMention = value.from.id === igAccountId || Boolean(value.from.self_ig_scoped_id);
  return { ...base, dedupeKey, skipReason: ownMention ? 'own_comment' : null };
}

function messageSkipReason(messaging: InstagramMessaging, igAccountId: string): string | null {
  const message = messaging.message ?? {};
  if (message.is_echo || messaging.sender?.id === igAccountId) return 'echo';
  if (message.is_deleted) return 'deleted_message';
  if (message.is_unsupported) return 'unsupported_message';
  return null;
}

function fromMessaging(object: string, entry: InstagramEntry, messaging: InstagramMessaging, receivedAt: Date): ClassifiedEvent {
  const igAccountId = String(entry.id ?? messaging?.recipient?.id ?? '');
  const event: InstagramWebhookEvent = { object, entry: [{ id: entry.id, time: entry.time, messaging: [messaging] }] };
  const occurredAt = toDate(messaging?.timestamp ?? entry.time, receivedAt);
  const base = { igAccountId, event, occurredAt };
  // Meta's JSON may hold anything where a messaging item belongs: check it as unknown, not narrow the typed item.
  const item: unknown = messaging;
  if (!isJsonObject(item)) return { ...base, dedupeKey: hashKey(messaging), kind: 'other', skipReason: 'malformed_event' };
  const hasSender = typeof messaging.sender?.id === 'string' && messaging.sender.id !== '';
  if (isJsonObject(messaging.message)) {
    const mid = messaging.message?.mid;
    const dedupeKey = typeof mid === 'string' && mid ? `message:${mid}` : hashKey(messaging);
    return { ...base, dedupeKey, kind: 'message', skipReason: hasSender ? messageSkipReason(messaging, igAccountId) : 'malformed_event' };
  }
  if (isJsonObject(messaging.postback)) {
    const mid = messaging.postback?.mid;
    const dedupeKey = typeof mid === 'string' && mid ? `postback:${mid}` : hashKey(messaging);
    return { ...base, dedupeKey, kind: 'postback', skipReason: hasSender ? null : 'malformed_event' };
  }
  if (isJsonObject(messaging.referral)) {
    const hasRef = typeof messaging.referral?.ref === 'string' && messaging.referral.ref !== '';
    return {
      ...base,
      dedupeKey: hashKey(messaging),
      kind: 'referral',
      skipReason: !hasSender ? 'malformed_event' : hasRef ? null : 'referral_without_ref',
    };
  }
  const eventName = Object.keys(messaging).find((key) => !['sender', 'recipient', 'timestamp'].includes(key)) ?? '(none)';
  return { ...base, dedupeKey: hashKey(messaging), kind: 'other', skipReason: `unsupported_event:${eventName}` };
}

/** Meta's JSON is read here, once: the inbox stores the normalized event and routing never opens the raw one. */
function normalized(classified: ClassifiedEvent): InboxEventDraft {
  return { ...classified, inbound: normalizeInboundEvent(classified.kind, classified.event) };
}

/**
 * Cuts one signed webhook body into inbox events: one per `entry[] × (changes[] | messaging[])`. Anything that
 * is not an Instagram event we act on is still returned, with a skip reason, so nothing Meta sent is lost.
 * Throws InvalidWebhookPayload only when the body is not a webhook envelope at all.
 */
export function splitWebhookBatch(body: unknown, receivedAt: Date): InboxEventDraft[] {
  if (!isJsonObject(body) || typeof body.object !== 'string' || !Array.isArray(body.entry)) {
    throw new InvalidWebhookPayload('Expected a Meta webhook envelope: {"object": "...", "entry": [...]}.');
  }
  const object = body.object;
  if (object !== 'instagram') {
    const event = body as unknown as InstagramWebhookEvent;
    return [
      normalized({
        igAccountId: '',
        dedupeKey: hashKey(body),
        kind: 'other',
        event,
        occurredAt: receivedAt,
        skipReason: `unknown_object:${object}`,
      }),
    ];
  }
  return asArray<InstagramEntry & JsonObject>(body.entry).flatMap((entry) => {
    if (!isJsonObject(entry)) return [];
    return [
      ...asArray<InstagramChange>(entry.changes).map((change) => fromChange(object, entry, change, receivedAt)),
      ...asArray<InstagramMessaging>(entry.messaging).map((messaging) => fromMessaging(object, entry, messaging, receivedAt)),
    ].map(normalized);
  });
}
