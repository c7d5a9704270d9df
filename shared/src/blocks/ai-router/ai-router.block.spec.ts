import { validateConfig } from '../../kernel/config-validation';
import { AT, enter, onEvent, runContext } from '../../testing/run-context.fixture';
import { aiRouterBlock } from './ai-router.block';

const waiting = runContext({ lastMessage: 'how much is it?', node: { nodeId: 'node1', attempts: 0, pendingEffectKey: 'run1:2:0' } });
const routed = (intent: string | null, confidence: number) =>
  onEvent(
    aiRouterBlock,
    {},
    { type: 'ai.answered', effectKey: 'run1:2:0', answer: { kind: 'route', intent, confidence }, at: AT },
    waiting,
  );

describe('ai_router block', () => {
  it('has one exit per intent, plus other and error', () => {
    expect(aiRouterBlock.ports(aiRouterBlock.defaults()).map((port) => port.id)).toEqual([
      'intent:price',
      'intent:buy',
      'intent:complaint',
      'other',
      'error',
    ]);
  });

  it("asks the model to classify the person's last message into the intents", () => {
    expect(enter(aiRouterBlock, {}, waiting).effects).toEqual([
      {
        type: 'ai_complete',
        task: {
          kind: 'route',
          instructions: '',
          message: 'how much is it?',
          intents: aiRouterBlock.defaults().intents.map((intent) => ({ ...intent })),
        },
      },
    ]);
  });

  it('takes the chosen intent’s exit and saves intent and confidence', () => {
    expect(routed('price', 0.9)).toEqual({ next: 'intent:price', variables: { intent: 'price', intent_confidence: 0.9 } });
  });

  it('takes other below the least confidence, or for no intent', () => {
    expect(routed('buy', 0.3)).toEqual({ next: 'other', variables: { intent: 'other', intent_confidence: 0.3 } });
    expect(routed(null, 0.8)).toEqual({ next: 'other', variables: { intent: 'other', intent_confidence: 0.8 } });
  });

  it('refuses two intents with one id', () => {
    const intent = { id: 'a', name: 'A', description: '' };
    expect(aiRouterBlock.check?.({ ...aiRouterBlock.defaults(), intents: [intent, intent] })).toEqual(['intents: two intents share an id']);
    expect(validateConfig(aiRouterBlock, { ...aiRouterBlock.defaults(), intents: [] }).length).toBeGreaterThan(0);
  });
});
