import { aiChatMessages, parseAiAnswer } from './ai-prompt';
import { localAiAnswer } from './local-ai';
import type { AiTask } from './ai-task';

const reply: AiTask = {
  kind: 'reply',
  instructions: 'Be brief.',
  knowledge: 'price, cost: From $10.\nshipping: We ship worldwide.',
  message: 'What does it cost?',
  historyMessages: 2,
  variables: { email: 'jane@example.com' },
  maxChars: 20,
};
const route: AiTask = {
  kind: 'route',
  instructions: '',
  message: 'I want to order two',
  intents: [
    { id: 'price', name: 'Price question', description: 'asks what something costs' },
    { id: 'buy', name: 'Wants to buy', description: 'wants to order or pay' },
  ],
};
const extract: AiTask = { kind: 'extract', message: 'my mail is jane at example dot com', question: 'Your email?', valueType: 'email' };

describe('AI prompts and answers', () => {
  it('puts instructions, knowledge and readable variables in the system message, history before the message', () => {
    const messages = aiChatMessages(reply, [{ role: 'assistant', content: 'Hi!' }]);
    expect(messages.map((message) => message.role)).toEqual(['system', 'assistant', 'user']);
    expect(messages[0].content).toContain('Be brief.');
    expect(messages[0].content).toContain('shipping: We ship worldwide.');
    expect(messages[0].content).toContain('{"email":"jane@example.com"}');
    expect(messages[2].content).toBe('What does it cost?');
  });

  it('reads a reply, cutting it to the longest allowed, and hands over when asked or unsure', () => {
    expect(parseAiAnswer(reply, '{"reply":"From ten dollars, shipping included","handover":false,"confidence":0.9}')).toEqual({
      kind: 'reply',
      text: 'From ten dollars, sh',
      handover: false,
    });
    expect(parseAiAnswer(reply, '{"reply":"Maybe?","handover":false,"confidence":0.2}')).toMatchObject({ handover: true });
    expect(parseAiAnswer(reply, '```json\n{"reply":"","handover":true}\n```')).toMatchObject({ handover: true });
    // A model that ignores the JSON request still answered.
    expect(parseAiAnswer(reply, 'From $10.')).toEqual({ kind: 'reply', text: 'From $10.', handover: false });
  });

  it('reads an intent, treating an unknown one as other, and refuses an answer without one', () => {
    expect(parseAiAnswer(route, '{"intent":"buy","confidence":0.8}')).toEqual({ kind: 'route', intent: 'buy', confidence: 0.8 });
    expect(parseAiAnswer(route, '{"intent":"refund","confidence":0.8}')).toEqual({ kind: 'route', intent: null, confidence: 0.8 });
    expect(() => parseAiAnswer(route, 'buy')).toThrow(/intent/);
  });

  it('reads an extracted value', () => {
    expect(parseAiAnswer(extract, '{"value":" jane@example.com "}')).toEqual({ kind: 'extract', value: 'jane@example.com' });
    expect(parseAiAnswer(extract, '{"value":null}')).toEqual({ kind: 'extract', value: null });
    expect(() => parseAiAnswer(extract, 'nothing')).toThrow(/value/);
  });
});

describe('the local provider', () => {
  it('answers from "keyword: answer" knowledge lines, and hands over when none matches', () => {
    expect(localAiAnswer(reply)).toEqual({ kind: 'reply', text: 'From $10.', handover: false });
    expect(localAiAnswer({ ...reply, message: 'Hello there' })).toEqual({ kind: 'reply', text: '', handover: true });
  });

  it('routes by the words of the intents, and to other when none is said', () => {
    expect(localAiAnswer(route)).toEqual({ kind: 'route', intent: 'buy', confidence: 0.8 });
    expect(localAiAnswer({ ...route, message: 'hello' })).toEqual({ kind: 'route', intent: null, confidence: 0 });
  });

  it('extracts a spelled-out email, a phone and a number', () => {
    expect(localAiAnswer(extract)).toEqual({ kind: 'extract', value: 'jane@example.com' });
    expect(localAiAnswer({ ...extract, message: 'call me on +33 6 12 34 56 78 please', valueType: 'phone' })).toEqual({
      kind: 'extract',
      value: '+33 6 12 34 56 78',
    });
    expect(localAiAnswer({ ...extract, message: 'about 12 of them', valueType: 'number' })).toEqual({ kind: 'extract', value: '12' });
  });
});
