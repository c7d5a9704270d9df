import { createEmptyFlow, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { testBlock as block } from '../testing/test-block';
import { startSimulation } from './simulator-driver';

const flow = (trigger: Record<string, unknown>, ...blocks: ReturnType<typeof block>[]): FlowGraph => {
  const nodes = [block('trigger', 'trigger', trigger), ...blocks, block('end', 'end')];
  return {
    ...createEmptyFlow(),
    nodes,
    edges: nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: nodes[index].id, sourceHandle: 'next', target: node.id })),
  };
};

const texts = (graph: FlowGraph, triggerText?: string) =>
  startSimulation(graph, { triggerText })
    .bubbles.map((bubble) => [bubble.from, bubble.text])
    .filter(([, text]) => !text?.startsWith('Webhook event'));

describe('preview of Instagram automation triggers and blocks', () => {
  it('a story mention starts the flow, with the story URL in the trigger context', () => {
    expect(texts(flow({ source: 'story_mention' }, block('thanks', 'send_message', { text: 'Thanks! {{trigger.storyUrl}}' })))).toEqual([
      ['contact', '◎ mentioned you in their story'],
      ['bot', 'Thanks! https://cdn.example/simulated-story.jpg'],
    ]);
  });

  it('a ref link starts the flow with its ref', () => {
    expect(texts(flow({ source: 'ref_url', ref: 'summer' }, block('hi', 'send_message', { text: 'From {{trigger.ref}}' })))).toEqual([
      ['contact', '🔗 opened your link ?ref=summer'],
      ['bot', 'From summer'],
    ]);
  });

  it('a mention shows its text, and moderating the comment shows what Instagram is asked', () => {
    expect(
      texts(flow({ source: 'mention', keywords: ['spam'] }, block('hide', 'moderate_comment', { action: 'hide' })), 'spam here'),
    ).toEqual([
      ['contact', '@ mentioned you: “spam here”'],
      ['system', 'Hide the comment (on Instagram)'],
    ]);
  });
});
