import { enter, runContext } from '../../testing/run-context.fixture';
import { aiReplyBlock } from './ai-reply.block';

describe('ai_reply block with the local provider', () => {
  const knowledge = [
    { keywords: ['price', 'cost'], answer: 'From $10, {{contact.username}}.' },
    { keywords: ['shipping'], answer: 'We ship worldwide.' },
  ];
  it.each([
    ['How much does it COST?', 'From $10, user123.'],
    ['Do you do shipping to Peru?', 'We ship worldwide.'],
    ['hello', 'Thanks! We will reply soon.'],
  ])('answers %j with %j, deterministically', (lastMessage, reply) => {
    const step = enter(
      aiReplyBlock,
      { knowledge, fallback: 'Thanks! We will reply soon.', saveAs: 'ai_answer' },
      runContext({ lastMessage }),
    );
    expect(step).toEqual({
      next: 'next',
      variables: { ai_answer: reply },
      effects: [{ type: 'send_message', recipient: { id: '2358708294634624' }, message: { text: reply } }],
    });
  });
});
