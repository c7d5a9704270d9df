/**
 * The message formats /api-webhook accepts (InstantDM's: text, image, video, audio, button template, quick
 * replies), checked against Instagram's limits before any call. Returns the first problem, or null.
 */
const TEXT_MAX_BYTES = 1_000;
const TEMPLATE_TEXT_MAX_CHARS = 640;
const BUTTON_TITLE_MAX_CHARS = 20;
const QUICK_REPLY_TITLE_MAX_CHARS = 20;
const PAYLOAD_MAX_CHARS = 1_000;
const URL_MAX_CHARS = 2_000;
const MAX_BUTTONS = 3;
const MAX_QUICK_REPLIES = 13;
const MEDIA_TYPES = ['image', 'video', 'audio'];

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpectedKeys(value: Fields, allowed: string[], where: string): string | null {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  return extra.length ? `${where} has unsupported field ${JSON.stringify(extra[0].slice(0, 50))}` : null;
}

function nonEmptyString(value: unknown, where: string, maxChars: number): string | null {
  if (typeof value !== 'string' || !value.trim()) return `${where} must be a non-empty string`;
  if ([...value].length > maxChars) return `${where} must be at most ${maxChars} characters`;
  return null;
}

function httpUrl(value: unknown, where: string): string | null {
  const problem = nonEmptyString(value, where, URL_MAX_CHARS);
  if (problem) return problem;
  try {
    const url = new URL(value as string);
    if (url.protocol === 'https:' || url.protocol === 'http:') return null;
  } catch {
    // falls through to the message below
  }
  return `${where} must be an http(s) URL`;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return 'message.text must be a non-empty string';
  if (Buffer.byteLength(value, 'utf8') > TEXT_MAX_BYTES) return `message.text must be at most ${TEXT_MAX_BYTES} bytes (UTF-8)`;
  return null;
}

function quickReplies(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'message.quick_replies must be a non-empty array';
  if (value.length > MAX_QUICK_REPLIES) return `message.quick_replies must have at most ${MAX_QUICK_REPLIES} items`;
  for (const [index, reply] of value.entries()) {
    const where = `message.quick_replies[${index}]`;
    if (!isObject(reply)) return `${where} must be an object`;
    if (reply.content_type === 'user_phone_number' || reply.content_type === 'user_email') {
      const problem = unexpectedKeys(reply, ['content_type'], where);
      if (problem) return problem;
      continue;
    }
    if (reply.content_type !== 'text') return `${where}.content_type must be "text", "user_phone_number" or "user_email"`;
    const problem =
      unexpectedKeys(reply, ['content_type', 'title', 'payload'], where) ??
      nonEmptyString(reply.title, `${where}.title`, QUICK_REPLY_TITLE_MAX_CHARS) ??
      nonEmptyString(reply.payload, `${where}.payload`, PAYLOAD_MAX_CHARS);
    if (problem) return problem;
  }
  return null;
}

function button(value: unknown, where: string): string | null {
  if (!isObject(value)) return `${where} must be an object`;
  const title = nonEmptyString(value.title, `${where}.title`, BUTTON_TITLE_MAX_CHARS);
  if (value.type === 'web_url') return unexpectedKeys(value, ['type', 'title', 'url'], where) ?? title ?? httpUrl(value.url, `${where}.url`);
  if (value.type === 'postback') return unexpectedKeys(value, ['type', 'title', 'payload'], where) ?? title ?? nonEmptyString(value.payload, `${where}.payload`, PAYLOAD_MAX_CHARS);
  return `${where}.type must be "web_url" or "postback"`;
}

function buttonTemplate(payload: Fields): string | null {
  const problem =
    unexpectedKeys(payload, ['template_type', 'text', 'buttons'], 'message.attachment.payload') ??
    nonEmptyString(payload.text, 'message.attachment.payload.text', TEMPLATE_TEXT_MAX_CHARS);
  if (problem) return problem;
  const buttons = payload.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) return 'message.attachment.payload.buttons must be a non-empty array';
  if (buttons.length > MAX_BUTTONS) return `message.attachment.payload.buttons must have at most ${MAX_BUTTONS} items`;
  for (const [index, item] of buttons.entries()) {
    const itemProblem = button(item, `message.attachment.payload.buttons[${index}]`);
    if (itemProblem) return itemProblem;
  }
  return null;
}

function attachment(value: unknown): string | null {
  if (!isObject(value)) return 'message.attachment must be an object';
  const extra = unexpectedKeys(value, ['type', 'payload'], 'message.attachment');
  if (extra) return extra;
  if (!isObject(value.payload)) return 'message.attachment.payload must be an object';
  if (typeof value.type === 'string' && MEDIA_TYPES.includes(value.type)) {
    return unexpectedKeys(value.payload, ['url'], 'message.attachment.payload') ?? httpUrl(value.payload.url, 'message.attachment.payload.url');
  }
  if (value.type === 'template') {
    if (value.payload.template_type !== 'button') return 'message.attachment.payload.template_type must be "button"';
    return buttonTemplate(value.payload);
  }
  return 'message.attachment.type must be "image", "video", "audio" or "template"';
}

export function messageProblem(message: unknown): string | null {
  if (!isObject(message)) return 'message must be an object';
  const extra = unexpectedKeys(message, ['text', 'quick_replies', 'attachment'], 'message');
  if (extra) return extra;
  if ('attachment' in message) {
    if ('text' in message || 'quick_replies' in message) return 'message must have either text or attachment, not both';
    return attachment(message.attachment);
  }
  if (!('text' in message)) return 'message must have text or attachment';
  return text(message.text) ?? ('quick_replies' in message ? quickReplies(message.quick_replies) : null);
}
