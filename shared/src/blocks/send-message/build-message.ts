import { renderTemplate } from '../../text/template';
import type { OutgoingMessage, QuickReply, TemplateButton } from '../../instagram/outgoing-message';
import { assertNever } from '../../util/assert-never';
import type { ButtonConfig, QuickReplyConfig } from './message-parts';
import type { SendMessageConfig } from './send-message.config';

export function toQuickReplies(quickReplies: QuickReplyConfig[]): QuickReply[] | undefined {
  if (quickReplies.length === 0) return undefined;
  return quickReplies.map((reply) => ({ content_type: 'text', title: reply.title, payload: reply.payload || reply.title }));
}

function toButton(button: ButtonConfig): TemplateButton {
  return button.type === 'web_url'
    ? { type: 'web_url', title: button.title, url: button.url }
    : { type: 'postback', title: button.title, payload: button.payload };
}

/** The Send API `message` object for a send_message config, with `{{placeholders}}` filled in. */
export function buildMessage(config: SendMessageConfig, values: Record<string, unknown>): OutgoingMessage {
  const render = (text: string) => renderTemplate(text, values);
  const quick_replies = toQuickReplies(config.quickReplies);
  switch (config.kind) {
    case 'text':
      return quick_replies ? { text: render(config.text), quick_replies } : { text: render(config.text) };
    case 'image':
    case 'video':
    case 'audio': {
      const attachment = { type: config.kind, payload: { url: render(config.mediaUrl ?? '') } };
      return quick_replies ? { attachment, quick_replies } : { attachment };
    }
    case 'buttons':
      return {
        attachment: {
          type: 'template',
          payload: { template_type: 'button', text: render(config.text), buttons: config.buttons.map(toButton) },
        },
      };
    case 'carousel':
      return {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'generic',
            elements: config.cards.map((card) => ({
              title: render(card.title),
              ...(card.subtitle ? { subtitle: render(card.subtitle) } : {}),
              ...(card.imageUrl ? { image_url: card.imageUrl } : {}),
              ...(card.url ? { default_action: { type: 'web_url' as const, url: card.url } } : {}),
              ...(card.buttons.length ? { buttons: card.buttons.map(toButton) } : {}),
            })),
          },
        },
      };
    default:
      return assertNever(config.kind, 'message kind');
  }
}
