import { enter, onEvent, runContext, AT } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { aiReplyBlock } from './ai-reply.block';

const waiting = (lastMessage = 'Do you ship to Peru?') =>
  runContext({
    lastMessage,
    variables: { email: 'jane@example.com' },
    node: { nodeId: 'node1', attempts: 0, pendingEffectKey: 'run1:2:0' },
  });

describe('ai_reply block', () => {
  it('asks the model with the instructions, knowledge, context size and only the variables it may read', () => {
    const step = enter(
      aiReplyBlock,
      {
        instructions: 'Be brief.',
        knowledge: 'We ship worldwide.',
        historyMessages: 4,
        readVariables: ['email', 'city', 'unknown'],
        maxLength: 200,
      },
      waiting(),
    );
    expect(step).toEqual({
      effects: [
        {
          type: 'ai_complete',
          task: {
            kind: 'reply',
            instructions: 'Be brief.',
            knowledge: 'We ship worldwide.',
            message: 'Do you ship to Peru?',
            historyMessages: 4,
            variables: { email: 'jane@example.com', city: 'Paris', unknown: null },
            maxChars: 200,
          },
        },
      ],
    });
  });

  it('sends the answer and leaves by replied, saving it when asked', () => {
    const answer = { kind: 'reply' as const, text: 'Yes, in 3 days.', handover: false };
    expect(
      onEvent(aiReplyBlock, { saveAs: 'ai_answer' }, { type: 'ai.answered', effectKey: 'run1:2:0', answer, at: AT }, waiting()),
    ).toEqual({
      next: 'replied',
      variables: { ai_answer: 'Yes, in 3 days.' },
      effects: [{ type: 'send_message', recipient: { id: '2358708294634624' }, message: { text: 'Yes, in 3 days.' } }],
    });
  });

  it('leaves by handover without sending when the model asks for a human, and by error when it failed', () => {
    const answer = { kind: 'reply' as const, text: '', handover: true };
    expect(onEvent(aiReplyBlock, {}, { type: 'ai.answered', effectKey: 'run1:2:0', answer, at: AT }, waiting())).toEqual({
      next: 'handover',
    });
    expect(onEvent(aiReplyBlock, {}, { type: 'ai.failed', effectKey: 'run1:2:0', error: 'timeout', at: AT }, waiting())).toEqual({
      next: 'error',
    });
  });

  it('ignores an answer to another call', () => {
    expect(onEvent(aiReplyBlock, {}, { type: 'ai.failed', effectKey: 'run1:1:0', error: 'x', at: AT }, waiting())).toEqual({});
  });

  it('refuses a reply longer than Instagram takes', () => {
    expect(JSON.stringify(validateConfig(aiReplyBlock, { ...aiReplyBlock.defaults(), maxLength: 1001 }))).toMatch(/maxLength/);
    expect(validateConfig(aiReplyBlock, aiReplyBlock.defaults())).toEqual([]);
  });
});
