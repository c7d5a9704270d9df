import { cases } from '../../../test/support/table-test';
import { messageProblem } from './message-format';

const button = (title = 'Visit') => ({ type: 'web_url', title, url: 'https://example.com' });
const quickReply = (title = 'A') => ({ content_type: 'text', title, payload: 'P' });
const template = (payload: Record<string, unknown>) => ({
  attachment: { type: 'template', payload: { template_type: 'button', text: 'Choose', buttons: [button()], ...payload } },
});

describe('messageProblem: the documented formats pass', () => {
  cases(
    [
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
    ] as Array<[string, unknown]>,
    (name) => name,
    (_name, message) => expect(messageProblem(message)).toBeNull(),
  );
});

describe('messageProblem: Instagram limits and malformed shapes are refused with the path at fault', () => {
  cases(
    [
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
      [
        { attachment: { type: 'template', payload: { template_type: 'generic', elements: [] } } },
        'message.attachment.payload.template_type must be "button"',
      ],
    ] as Array<[unknown, string]>,
    (message, problem) => `${JSON.stringify(message).slice(0, 60)} → ${problem}`,
    (message, problem) => expect(messageProblem(message)).toBe(problem),
  );
});
