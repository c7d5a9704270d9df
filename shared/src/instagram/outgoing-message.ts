export interface QuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

export interface TemplateButton {
  type: 'web_url' | 'postback';
  title: string;
  url?: string;
  payload?: string;
}

export interface GenericElement {
  title: string;
  subtitle?: string;
  image_url?: string;
  default_action?: { type: 'web_url'; url: string };
  buttons?: TemplateButton[];
}

/** The `message` object of Instagram's Send API, as InstantDM's API also accepts it. */
export type OutgoingMessage =
  | { text: string; quick_replies?: QuickReply[] }
  | { attachment: { type: 'image' | 'video' | 'audio'; payload: { url: string } }; quick_replies?: QuickReply[] }
  | { attachment: { type: 'template'; payload: { template_type: 'button'; text: string; buttons: TemplateButton[] } } }
  | { attachment: { type: 'template'; payload: { template_type: 'generic'; elements: GenericElement[] } } };

export type MessageRecipient = { id: string } | { comment_id: string };

/**
 * Instagram's Send API limits (reference/meta-instagram-api.md §2.1–2.2), the one copy. A message's `text` is
 * measured in UTF-8 bytes, as Meta words it ("must be UTF-8 and be 1,000 bytes or less"); every other length is
 * in characters (Unicode code points).
 */
export const INSTAGRAM_LIMITS = {
  textBytes: 1000,
  buttonTemplateTextChars: 640,
  buttons: 3,
  buttonTitleChars: 20,
  quickReplies: 13,
  quickReplyTitleChars: 20,
  payloadChars: 1000,
  /** A comment, including the public reply to one (the limit InstantDM's comment_reply enforces). */
  commentTextChars: 2200,
  urlChars: 2000,
  genericElements: 10,
  /** Title and subtitle of a generic template element. */
  genericTitleChars: 80,
} as const;
