/** Meta's raw Instagram webhook shapes (reference/meta-instagram-api.md §1.3–1.6). Every field is optional: Meta adds fields freely. */
export type JsonObject = Record<string, unknown>;

export interface InstagramComment {
  id?: string;
  /** Meta's Facebook-Login samples name the id `comment_id`. */
  comment_id?: string;
  text?: string;
  parent_id?: string;
  from?: { id?: string; username?: string; self_ig_scoped_id?: string };
  media?: { id?: string; media_product_type?: string };
  /** `mentions` changes name the media and comment flat (reference §1.4). */
  media_id?: string;
}

export interface InstagramChange {
  field?: string;
  value?: InstagramComment & JsonObject;
}

export interface InstagramMessage {
  mid?: string;
  text?: string;
  is_echo?: boolean;
  is_self?: boolean;
  is_deleted?: boolean;
  is_unsupported?: boolean;
  quick_reply?: { payload?: string };
  attachments?: Array<{ type?: string; payload?: JsonObject }>;
  reply_to?: { mid?: string; story?: { id?: string; url?: string } };
  referral?: InstagramReferral;
}

/** `messaging_referral` (an ig.me link with `?ref=`), or the referral a first message carries. */
export interface InstagramReferral {
  ref?: string;
  source?: string;
  type?: string;
}

export interface InstagramMessaging {
  sender?: { id?: string };
  recipient?: { id?: string };
  timestamp?: number;
  message?: InstagramMessage;
  postback?: { mid?: string; title?: string; payload?: string };
  referral?: InstagramReferral;
}

export interface InstagramEntry {
  id?: string;
  time?: number;
  changes?: InstagramChange[];
  messaging?: InstagramMessaging[];
}

/** One event as the inbox stores it: Meta's envelope cut down to that single change or messaging item. */
export interface InstagramWebhookEvent {
  object: string;
  entry: InstagramEntry[];
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
