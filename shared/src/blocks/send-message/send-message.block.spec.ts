import { enter, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { sendMessageBlock } from './send-message.block';
import type { ButtonConfig } from './message-parts';
import type { SendMessageConfig } from './send-message.config';

const button = (title: string): ButtonConfig => ({ type: 'web_url', title, url: 'https://shop.example/p' });

describe('send_message block', () => {
  it.each<[string, Partial<SendMessageConfig>, unknown]>([
    ['text with a placeholder', { kind: 'text', text: 'Hi {{contact.username}} from {{contact.city}}' }, { text: 'Hi user123 from Paris' }],
    [
      'text with quick replies (payload defaults to the title)',
      { kind: 'text', text: 'Pick', quickReplies: [{ title: 'A' }, { title: 'B', payload: 'P_B' }] },
      {
        text: 'Pick',
        quick_replies: [
          { content_type: 'text', title: 'A', payload: 'A' },
          { content_type: 'text', title: 'B', payload: 'P_B' },
        ],
      },
    ],
    [
      'image',
      { kind: 'image', mediaUrl: 'https://cdn.example/a.jpg' },
      { attachment: { type: 'image', payload: { url: 'https://cdn.example/a.jpg' } } },
    ],
    [
      'video',
      { kind: 'video', mediaUrl: 'https://cdn.example/a.mp4' },
      { attachment: { type: 'video', payload: { url: 'https://cdn.example/a.mp4' } } },
    ],
    [
      'audio',
      { kind: 'audio', mediaUrl: 'https://cdn.example/a.mp3' },
      { attachment: { type: 'audio', payload: { url: 'https://cdn.example/a.mp3' } } },
    ],
    [
      'button template',
      { kind: 'buttons', text: 'Choose', buttons: [button('Visit'), { type: 'postback', title: 'Talk', payload: 'REP' }] },
      {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            text: 'Choose',
            buttons: [
              { type: 'web_url', title: 'Visit', url: 'https://shop.example/p' },
              { type: 'postback', title: 'Talk', payload: 'REP' },
            ],
          },
        },
      },
    ],
    [
      'carousel',
      {
        kind: 'carousel',
        cards: [{ title: 'Shirt', subtitle: '$10', imageUrl: 'https://cdn.example/s.jpg', url: 'https://shop.example/s', buttons: [] }],
      },
      {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'generic',
            elements: [
              {
                title: 'Shirt',
                subtitle: '$10',
                image_url: 'https://cdn.example/s.jpg',
                default_action: { type: 'web_url', url: 'https://shop.example/s' },
              },
            ],
          },
        },
      },
    ],
  ])('sends %s to the contact and goes on', (_name, config, message) => {
    expect(enter(sendMessageBlock, config)).toEqual({
      next: 'next',
      effects: [{ type: 'send_message', recipient: { id: '2358708294634624' }, message }],
    });
  });

  it.each<[string, Partial<SendMessageConfig>, string]>([
    ['text over 1,000 characters', { text: 'x'.repeat(1001) }, 'text'],
    ['an empty text', { text: '' }, 'text'],
    ['4 buttons', { kind: 'buttons', text: 'x', buttons: [1, 2, 3, 4].map((n) => button(`B${n}`)) }, 'buttons'],
    ['a button title over 20 characters', { kind: 'buttons', text: 'x', buttons: [button('x'.repeat(21))] }, 'buttons.0.title'],
    ['button text over 640 characters', { kind: 'buttons', text: 'x'.repeat(641), buttons: [button('ok')] }, 'text'],
    ['11 cards', { kind: 'carousel', cards: Array.from({ length: 11 }, () => ({ title: 't', buttons: [] })) }, 'cards'],
    ['14 quick replies', { quickReplies: Array.from({ length: 14 }, (_, n) => ({ title: `q${n}` })) }, 'quickReplies'],
    ['a quick reply over 20 characters', { quickReplies: [{ title: 'x'.repeat(21) }] }, 'quickReplies.0.title'],
    ['a media message without a URL', { kind: 'image', mediaUrl: 'not a url' }, 'mediaUrl'],
    [
      'quick replies on a template',
      { kind: 'buttons', text: 'x', buttons: [button('ok')], quickReplies: [{ title: 'q' }] },
      'quickReplies',
    ],
  ])('refuses %s (Instagram limits)', (_name, config, field) => {
    expect(validateConfig(sendMessageBlock, { ...sendMessageBlock.defaults(), ...config }).map((problem) => problem.field)).toContain(
      field,
    );
  });

  it('sends to the comment as a private reply through the compiler, not here', () => {
    const fromComment = runContext({}, { trigger: { kind: 'comment', commentId: 'c1', mediaId: 'm1' } });
    expect(enter(sendMessageBlock, { text: 'hi' }, fromComment).effects).toEqual([
      { type: 'send_message', recipient: { id: '2358708294634624' }, message: { text: 'hi' } },
    ]);
  });
});
