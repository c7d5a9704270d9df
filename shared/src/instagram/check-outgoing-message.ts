import { INSTAGRAM_LIMITS } from './outgoing-message';
import { characterCount, utf8ByteLength } from './utf8-text';
import { isJsonObject, type JsonObject } from './webhook-event';

export type TemplateType = 'button' | 'generic';

/** What a caller accepts beyond Instagram's own rules (InstantDM's /api-webhook takes fewer shapes than Instagram). */
export interface OutgoingMessageRules {
  /** Template types accepted; default both. */
  templates?: readonly TemplateType[];
  /** Whether quick replies may ride on an image, video or audio (Instagram allows it); default true. */
  quickRepliesOnMedia?: boolean;
}

const MEDIA_TYPES = ['image', 'video', 'audio'];
const L = INSTAGRAM_LIMITS;

function unexpectedKeys(value: JsonObject, allowed: string[], where: string): string[] {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  return extra.length ? [`${where} has unsupported field ${JSON.stringify(extra[0].slice(0, 50))}`] : [];
}

function nonEmptyString(value: unknown, where: string, maxChars: number): string[] {
  if (typeof value !== 'string' || !value.trim()) return [`${where} must be a non-empty string`];
  if (characterCount(value) > maxChars) return [`${where} must be at most ${maxChars} characters`];
  return [];
}

function optionalString(value: unknown, where: string, maxChars: number): string[] {
  return value === undefined ? [] : nonEmptyString(value, where, maxChars);
}

function httpUrl(value: unknown, where: string): string[] {
  const problems = nonEmptyString(value, where, L.urlChars);
  if (problems.length) return problems;
  try {
    const url = new URL(value as string);
    if (url.protocol === 'https:' || url.protocol === 'http:') return [];
  } catch {
    // falls through to the problem below
  }
  return [`${where} must be an http(s) URL`];
}

function text(value: unknown): string[] {
  if (typeof value !== 'string' || !value.trim()) return ['message.text must be a non-empty string'];
  if (utf8ByteLength(value) > L.textBytes) return [`message.text must be at most ${L.textBytes} bytes (UTF-8)`];
  return [];
}

function quickReply(reply: unknown, where: string): string[] {
  if (!isJsonObject(reply)) return [`${where} must be an object`];
  if (reply.content_type === 'user_phone_number' || reply.content_type === 'user_email')
    return unexpectedKeys(reply, ['content_type'], where);
  if (reply.content_type !== 'text') return [`${where}.content_type must be "text", "user_phone_number" or "user_email"`];
  return [
    ...unexpectedKeys(reply, ['content_type', 'title', 'payload'], where),
    ...nonEmptyString(reply.title, `${where}.title`, L.quickReplyTitleChars),
    ...nonEmptyString(reply.payload, `${where}.payload`, L.payloadChars),
  ];
}

function quickReplies(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return ['message.quick_replies must be a non-empty array'];
  const count = value.length > L.quickReplies ? [`message.quick_replies must have at most ${L.quickReplies} items`] : [];
  return [...count, ...value.flatMap((reply, index) => quickReply(reply, `message.quick_replies[${index}]`))];
}

function button(value: unknown, where: string): string[] {
  if (!isJsonObject(value)) return [`${where} must be an object`];
  const title = nonEmptyString(value.title, `${where}.title`, L.buttonTitleChars);
  if (value.type === 'web_url')
    return [...unexpectedKeys(value, ['type', 'title', 'url'], where), ...title, ...httpUrl(value.url, `${where}.url`)];
  if (value.type === 'postback') {
    return [
      ...unexpectedKeys(value, ['type', 'title', 'payload'], where),
      ...title,
      ...nonEmptyString(value.payload, `${where}.payload`, L.payloadChars),
    ];
  }
  return [`${where}.type must be "web_url" or "postback"`];
}

function buttons(value: unknown, where: string, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0)) return [`${where} must be a ${required ? 'non-empty ' : ''}array`];
  const count = value.length > L.buttons ? [`${where} must have at most ${L.buttons} items`] : [];
  return [...count, ...value.flatMap((item, index) => button(item, `${where}[${index}]`))];
}

function buttonTemplate(payload: JsonObject): string[] {
  const where = 'message.attachment.payload';
  return [
    ...unexpectedKeys(payload, ['template_type', 'text', 'buttons'], where),
    ...nonEmptyString(payload.text, `${where}.text`, L.buttonTemplateTextChars),
    ...buttons(payload.buttons, `${where}.buttons`, true),
  ];
}

function genericElement(value: unknown, where: string): string[] {
  if (!isJsonObject(value)) return [`${where} must be an object`];
  const action = value.default_action;
  const actionProblems =
    action === undefined
      ? []
      : !isJsonObject(action) || action.type !== 'web_url'
        ? [`${where}.default_action must be {"type": "web_url", "url": ...}`]
        : httpUrl(action.url, `${where}.default_action.url`);
  return [
    ...unexpectedKeys(value, ['title', 'subtitle', 'image_url', 'default_action', 'buttons'], where),
    ...nonEmptyString(value.title, `${where}.title`, L.genericTitleChars),
    ...optionalString(value.subtitle, `${where}.subtitle`, L.genericTitleChars),
    ...(value.image_url === undefined ? [] : httpUrl(value.image_url, `${where}.image_url`)),
    ...actionProblems,
    ...buttons(value.buttons, `${where}.buttons`, false),
  ];
}

function genericTemplate(payload: JsonObject): string[] {
  const where = 'message.attachment.payload';
  const elements = payload.elements;
  const extra = unexpectedKeys(payload, ['template_type', 'elements'], where);
  if (!Array.isArray(elements) || elements.length === 0) return [...extra, `${where}.elements must be a non-empty array`];
  const count = elements.length > L.genericElements ? [`${where}.elements must have at most ${L.genericElements} items`] : [];
  return [...extra, ...count, ...elements.flatMap((element, index) => genericElement(element, `${where}.elements[${index}]`))];
}

function attachment(value: unknown, templates: readonly TemplateType[]): string[] {
  if (!isJsonObject(value)) return ['message.attachment must be an object'];
  const extra = unexpectedKeys(value, ['type', 'payload'], 'message.attachment');
  if (!isJsonObject(value.payload)) return [...extra, 'message.attachment.payload must be an object'];
  const payload = value.payload;
  if (typeof value.type === 'string' && MEDIA_TYPES.includes(value.type)) {
    return [
      ...extra,
      ...unexpectedKeys(payload, ['url'], 'message.attachment.payload'),
      ...httpUrl(payload.url, 'message.attachment.payload.url'),
    ];
  }
  if (value.type === 'template') {
    const type = templates.find((candidate) => candidate === payload.template_type);
    if (!type) return [...extra, `message.attachment.payload.template_type must be ${templates.map((name) => `"${name}"`).join(' or ')}`];
    return [...extra, ...(type === 'button' ? buttonTemplate(payload) : genericTemplate(payload))];
  }
  return [...extra, 'message.attachment.type must be "image", "video", "audio" or "template"'];
}

function mediaWithQuickReplies(message: JsonObject, rules: OutgoingMessageRules): boolean {
  const { attachment: sent } = message;
  return (rules.quickRepliesOnMedia ?? true) && isJsonObject(sent) && typeof sent.type === 'string' && MEDIA_TYPES.includes(sent.type);
}

/**
 * Every way `message` breaks Instagram's Send API rules (and the caller's narrower `rules`), most basic first, so
 * the first problem is the one to report. Empty when the message can be sent. Takes unknown: it checks JSON too.
 */
export function checkOutgoingMessage(message: unknown, rules: OutgoingMessageRules = {}): string[] {
  if (!isJsonObject(message)) return ['message must be an object'];
  const extra = unexpectedKeys(message, ['text', 'quick_replies', 'attachment'], 'message');
  if ('attachment' in message) {
    const withQuickReplies = 'quick_replies' in message && mediaWithQuickReplies(message, rules);
    if ('text' in message || ('quick_replies' in message && !withQuickReplies))
      return [...extra, 'message must have either text or attachment, not both'];
    return [
      ...extra,
      ...attachment(message.attachment, rules.templates ?? ['button', 'generic']),
      ...(withQuickReplies ? quickReplies(message.quick_replies) : []),
    ];
  }
  if (!('text' in message)) return [...extra, 'message must have text or attachment'];
  return [...extra, ...text(message.text), ...('quick_replies' in message ? quickReplies(message.quick_replies) : [])];
}
