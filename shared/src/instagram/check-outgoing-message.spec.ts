import { buildMessage } from '../blocks/send-message/build-message';
import { sendMessageBlock } from '../blocks/send-message/send-message.block';
import { toConfig } from '../kernel/config-validation';
import { checkOutgoingMessage, type OutgoingMessageRules } from './check-outgoing-message';

// /api-webhook's dialect (InstantDM): button templates only, no quick replies on media.
const ACTION_API: OutgoingMessageRules = { templates: ['button'], quickRepliesOnMedia: false };
const firstProblem = (message: unknown, rules: OutgoingMessageRules = ACTION_API) => checkOutgoingMessage(message, rules)[0] ?? null;

const button = (title = 'Visit') => ({ type: 'web_url', title, url: 'https://example.com' });
const quickReply = (title = 'A') => ({ content_type: 'text', title, payload: 'P' });
const template = (payload: Record<string, unknown>) => ({
  attachment: { type: 'template', payload: { template_type: 'button', text: 'Choose', buttons: [button()], ...payload } },
});
const generic = (elements: unknown) => ({ attachment: { type: 'template', payload: { template_type: 'generic', elements } } });

describe('checkOutgoingMessage: the documented formats pass', () => {
  it.each<[string, unknown]>([
    ['text', { text: 'Hello!' }],
    ['text at 1,000 bytes', { text: 'x'.repeat(1000) }],
    ['image', { attachment: { type: 'image', payload: { url: 'https://example.com/photo.jpg' } } }],
    ['video', { attachment: { type: 'video', payload: { url: 'https://example.com/video.mp4' } } }],
    ['audio', { attachment: { type: 'audio', payload: { url: 'http://example.com/audio.mp3' } } }],
    [
      'button template with 3 buttons',
      template({ buttons: [button(), { type: 'postback', title: 'Go', payload: 'GO' }, button('x'.repeat(20))] }),
    ],
    ['13 quick replies of 20 characters', { text: 'Pick', quick_replies: Array.from({ length: 13 }, () => quickReply('x'.repeat(20))) }],
    [
      'phone and email quick replies',
      { text: 'Pick', quick_replies: [{ content_type: 'user_phone_number' }, { content_type: 'user_email' }] },
    ],
  ])('%s', (_name, message) => {
    expect(checkOutgoingMessage(message, ACTION_API)).toEqual([]);
  });
});

describe('checkOutgoingMessage: Instagram limits and malformed shapes are refused with the path at fault', () => {
  it.each<[unknown, string]>([
    [[], 'message must be an object'],
    [{}, 'message must have text or attachment'],
    [{ text: '' }, 'message.text must be a non-empty string'],
    [{ text: 'é'.repeat(501) }, 'message.text must be at most 1000 bytes (UTF-8)'],
    [{ text: 'x', attachment: {} }, 'message must have either text or attachment, not both'],
    [{ text: 'x', html: '<b>' }, 'message has unsupported field "html"'],
    [{ text: 'x', quick_replies: [] }, 'message.quick_replies must be a non-empty array'],
    [{ text: 'x', quick_replies: Array.from({ length: 14 }, () => quickReply()) }, 'message.quick_replies must have at most 13 items'],
    [{ text: 'x', quick_replies: [quickReply('x'.repeat(21))] }, 'message.quick_replies[0].title must be at most 20 characters'],
    [
      { text: 'x', quick_replies: [{ content_type: 'location' }] },
      'message.quick_replies[0].content_type must be "text", "user_phone_number" or "user_email"',
    ],
    [
      { attachment: { type: 'file', payload: { url: 'https://example.com/a.pdf' } } },
      'message.attachment.type must be "image", "video", "audio" or "template"',
    ],
    [
      { attachment: { type: 'image', payload: { url: 'ftp://example.com/a.png' } } },
      'message.attachment.payload.url must be an http(s) URL',
    ],
    [{ attachment: { type: 'image', payload: { url: 'not a url' } } }, 'message.attachment.payload.url must be an http(s) URL'],
    [{ attachment: { type: 'image' } }, 'message.attachment.payload must be an object'],
    [template({ buttons: [button(), button(), button(), button()] }), 'message.attachment.payload.buttons must have at most 3 items'],
    [template({ buttons: [] }), 'message.attachment.payload.buttons must be a non-empty array'],
    [template({ buttons: [button('x'.repeat(21))] }), 'message.attachment.payload.buttons[0].title must be at most 20 characters'],
    [
      template({ buttons: [{ type: 'call', title: 'Call', payload: '+1' }] }),
      'message.attachment.payload.buttons[0].type must be "web_url" or "postback"',
    ],
    [template({ text: 'x'.repeat(641) }), 'message.attachment.payload.text must be at most 640 characters'],
    [generic([]), 'message.attachment.payload.template_type must be "button"'],
    [
      { attachment: { type: 'image', payload: { url: 'https://example.com/a.png' } }, quick_replies: [quickReply()] },
      'message must have either text or attachment, not both',
    ],
  ])('%j → %s', (message, problem) => {
    expect(firstProblem(message)).toBe(problem);
  });
});

describe("checkOutgoingMessage with Instagram's own rules", () => {
  it('takes generic templates within their limits', () => {
    expect(
      checkOutgoingMessage(generic([{ title: 'Shoe', subtitle: 'Red', image_url: 'https://cdn.example/a.jpg', buttons: [button()] }])),
    ).toEqual([]);
    expect(checkOutgoingMessage(generic(Array.from({ length: 11 }, () => ({ title: 't' }))))).toEqual([
      'message.attachment.payload.elements must have at most 10 items',
    ]);
    expect(checkOutgoingMessage(generic([{ title: 'x'.repeat(81) }]))).toEqual([
      'message.attachment.payload.elements[0].title must be at most 80 characters',
    ]);
  });

  it('takes quick replies on media but not on templates', () => {
    expect(
      checkOutgoingMessage({ attachment: { type: 'image', payload: { url: 'https://example.com/a.png' } }, quick_replies: [quickReply()] }),
    ).toEqual([]);
    expect(checkOutgoingMessage({ ...template({}), quick_replies: [quickReply()] })).toEqual([
      'message must have either text or attachment, not both',
    ]);
  });

  it('lists every problem, the most basic first', () => {
    expect(checkOutgoingMessage({ text: '', quick_replies: [quickReply('x'.repeat(21)), { content_type: 'location' }] })).toEqual([
      'message.text must be a non-empty string',
      'message.quick_replies[0].title must be at most 20 characters',
      'message.quick_replies[1].content_type must be "text", "user_phone_number" or "user_email"',
    ]);
  });

  it('accepts what the send_message block builds from a valid config of each kind', () => {
    const buttons = [{ type: 'web_url', title: 'Open', url: 'https://shop.example/p' }];
    const quickReplies = [{ title: 'Yes' }];
    const configs = [
      { kind: 'text', text: 'Hi {{contact.username}}!', quickReplies },
      { kind: 'image', mediaUrl: 'https://cdn.example/a.jpg', quickReplies },
      { kind: 'buttons', text: 'Pick one', buttons },
      {
        kind: 'carousel',
        cards: [{ title: 'Red shoe', subtitle: 'New', imageUrl: 'https://cdn.example/a.jpg', url: 'https://shop.example', buttons }],
      },
    ];
    for (const plain of configs) {
      const config = toConfig(sendMessageBlock, { ...sendMessageBlock.defaults(), ...plain });
      expect(checkOutgoingMessage(buildMessage(config, { contact: { username: 'ana' } }))).toEqual([]);
    }
  });
});
