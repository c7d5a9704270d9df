import type { InboundEvent, MessageRecipient, OutgoingMessage } from '@dmflow/shared';

/** What the thread shows of a message: its kind, text and attachments (media, buttons, quick replies). */
export interface MessageContent {
  kind: string;
  text: string | null;
  attachments: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The media a person sent (Meta's `message.attachments`), which the normalized event leaves out. */
function inboundAttachments(raw: unknown): unknown[] {
  const message = isRecord(raw) && isRecord(raw.message) ? raw.message : null;
  return message && Array.isArray(message.attachments) ? message.attachments : [];
}

export function inboundContent(inbound: InboundEvent, raw: unknown): MessageContent {
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment':
      return { kind: inbound.kind, text: inbound.text, attachments: [] };
    case 'message':
      return { kind: inbound.storyId ? 'story_reply' : 'message', text: inbound.text || null, attachments: inboundAttachments(raw) };
    case 'postback':
      return { kind: 'postback', text: inbound.title ?? inbound.payload, attachments: [] };
    case 'story_mention':
      return { kind: 'story_mention', text: null, attachments: inboundAttachments(raw) };
    case 'mention':
      return { kind: 'mention', text: inbound.text, attachments: [] };
    case 'referral':
      return { kind: 'referral', text: inbound.ref, attachments: [] };
  }
}

/** Meta's id of the inbound message or comment, when it has one. */
export function inboundMetaIds(inbound: InboundEvent): { messageId: string | null; commentId: string | null } {
  switch (inbound.kind) {
    case 'comment':
    case 'live_comment':
      return { messageId: null, commentId: inbound.commentId };
    case 'mention':
      return { messageId: null, commentId: inbound.commentId };
    case 'message':
    case 'postback':
    case 'story_mention':
      return { messageId: inbound.mid, commentId: null };
    case 'referral':
      return { messageId: null, commentId: null };
  }
}

export function outboundContent(recipient: MessageRecipient, message: OutgoingMessage): MessageContent {
  const kind = 'comment_id' in recipient ? 'private_reply' : 'message';
  if ('text' in message)
    return { kind, text: message.text, attachments: message.quick_replies ? [{ quick_replies: message.quick_replies }] : [] };
  const { attachment } = message;
  const text = attachment.type === 'template' && attachment.payload.template_type === 'button' ? attachment.payload.text : null;
  return { kind, text, attachments: [message] };
}
