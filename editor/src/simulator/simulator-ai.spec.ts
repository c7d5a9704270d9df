import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { testBlock as block } from '../testing/test-block';
import { answerAi, startSimulation } from './simulator-driver';

const aiFlow: FlowGraph = {
  ...createEmptyFlow(),
  nodes: [
    block('trigger', 'trigger', { source: 'dm_keyword', keywords: ['price'] }),
    block('ai', 'ai_reply', { knowledge: 'price, cost: From $10.' }),
    block('human', 'send_message', { text: 'A person will answer.' }),
    block('end', 'end'),
  ],
  edges: [
    { id: '1', source: 'trigger', sourceHandle: 'next', target: 'ai' },
    { id: '2', source: 'ai', sourceHandle: 'replied', target: 'end' },
    { id: '3', source: 'ai', sourceHandle: 'handover', target: 'human' },
    { id: '4', source: 'ai', sourceHandle: 'error', target: 'end' },
    { id: '5', source: 'human', sourceHandle: 'next', target: 'end' },
  ],
};

const botTexts = (simulation: ReturnType<typeof startSimulation>) =>
  simulation.bubbles.filter((bubble) => bubble.from === 'bot').map((bubble) => bubble.text);

describe('the simulator with AI blocks', () => {
  it('answers with the local provider in the browser when no server answers', () => {
    const simulation = startSimulation(aiFlow, { triggerText: 'what is the price?' });
    expect(botTexts(simulation)).toEqual(['From $10.']);
    expect(simulation.status).toBe('done');
  });

  it('waits for the server’s answer, then follows it', () => {
    const waiting = startSimulation(aiFlow, { triggerText: 'what is the price?', ai: 'server' });
    expect(waiting.status).toBe('running');
    expect(waiting.pendingAi?.task).toMatchObject({ kind: 'reply', message: 'what is the price?' });
    const key = waiting.pendingAi!.effectKey;
    expect(answerAi(waiting, 'other-key', { error: 'x' })).toBe(waiting);
    const answered = answerAi(waiting, key, { answer: { kind: 'reply', text: 'It starts at $10.', handover: false } });
    expect(botTexts(answered)).toEqual(['It starts at $10.']);
    expect(answered.pendingAi).toBeNull();
    const handedOver = answerAi(waiting, key, { answer: { kind: 'reply', text: '', handover: true } });
    expect(botTexts(handedOver)).toEqual(['A person will answer.']);
  });
});
