import { createEmptyFlow, type FlowGraph, type FlowNode } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { testBlock as block } from '../testing/test-block';
import { fastForward, sendText, startSimulation, tapQuickReply } from './simulator-driver';

function leadFlow(): FlowGraph {
  return {
    ...createEmptyFlow(),
    nodes: [
      block('trigger', 'trigger', { source: 'dm_keyword', keywords: ['guide'] }),
      block('hello', 'send_message', { text: 'Hi {{contact.username}}!' }),
      block('wait', 'delay', { amount: 1, unit: 'hours' }),
      block('ask', 'question', {
        questionType: 'choice',
        text: 'Ready?',
        variable: 'ready',
        choices: [
          { id: 'yes', title: 'Yes', payload: 'YES' },
          { id: 'no', title: 'No', payload: 'NO' },
        ],
      }),
      block('bye', 'send_message', { text: 'You said {{ready}}' }),
      block('end', 'end'),
    ],
    edges: [
      { id: '1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
      { id: '2', source: 'hello', sourceHandle: 'next', target: 'wait' },
      { id: '3', source: 'wait', sourceHandle: 'next', target: 'ask' },
      { id: '4', source: 'ask', sourceHandle: 'choice:yes', target: 'bye' },
      { id: '5', source: 'ask', sourceHandle: 'choice:no', target: 'end' },
      { id: '6', source: 'ask', sourceHandle: 'invalid', target: 'end' },
      { id: '7', source: 'bye', sourceHandle: 'next', target: 'end' },
    ],
  };
}

const texts = (bubbles: { from: string; text: string }[]) => bubbles.map((bubble) => `${bubble.from}: ${bubble.text}`);

describe('the simulator driver', () => {
  it('runs the compiled machine to the first wait, fast-forwards the delay, and follows a quick reply to the end', () => {
    let simulation = startSimulation(leadFlow(), { startedAt: new Date('2026-01-01T10:00:00Z') });
    expect(simulation.status).toBe('running');
    expect(texts(simulation.bubbles)).toEqual(['contact: guide', 'bot: Hi preview_user!', 'system: Waiting 1 h…']);
    expect(simulation.activeNodeId).toBe('wait');
    expect(simulation.timers).toHaveLength(1);

    simulation = sendText(simulation, 'hello?');
    expect(simulation.activeNodeId).toBe('wait');

    simulation = fastForward(simulation);
    expect(simulation.clock).toBe(new Date('2026-01-01T11:00:00Z').getTime());
    expect(simulation.activeNodeId).toBe('ask');
    expect(simulation.timers).toEqual([]);
    const question = simulation.bubbles[simulation.bubbles.length - 1];
    expect(question).toMatchObject({
      from: 'bot',
      text: 'Ready?',
      quickReplies: [
        { title: 'Yes', payload: 'YES' },
        { title: 'No', payload: 'NO' },
      ],
    });

    simulation = tapQuickReply(simulation, 'Yes', 'YES');
    expect(simulation.status).toBe('done');
    expect(texts(simulation.bubbles).slice(-5)).toEqual([
      'bot: Ready?',
      'contact: Yes',
      'system: Webhook event question_answered',
      'bot: You said Yes',
      'system: Webhook event flow_completed',
    ]);
    expect(sendText(simulation, 'more')).toBe(simulation);
  });

  it('re-asks on an invalid answer, as production would', () => {
    const graph = leadFlow();
    const ask = graph.nodes.find((node) => node.id === 'ask') as FlowNode;
    ask.data.config = { ...ask.data.config, questionType: 'email', text: 'Email?', invalidMessage: 'That is not an email.' };
    graph.edges = graph.edges
      .filter((edge) => !edge.sourceHandle.startsWith('choice:'))
      .concat({ id: '8', source: 'ask', sourceHandle: 'answered', target: 'bye' });
    let simulation = fastForward(startSimulation(graph));
    simulation = sendText(simulation, 'nope');
    expect(simulation.bubbles[simulation.bubbles.length - 1]).toMatchObject({
      from: 'bot',
      text: expect.stringContaining('That is not an email.'),
    });
    expect(simulation.status).toBe('running');
    simulation = sendText(simulation, 'ann@example.com');
    expect(simulation.status).toBe('done');
    expect(texts(simulation.bubbles)).toContain('bot: You said ann@example.com');
  });

  it('reports why an invalid flow cannot run instead of running it', () => {
    const simulation = startSimulation(createEmptyFlow());
    expect(simulation.status).toBe('invalid');
    expect(simulation.problems).toContain('the flow has no trigger');
    expect(simulation.bubbles).toEqual([]);
  });

  describe('every path can be reached', () => {
    const gatedFlow = (): FlowGraph => ({
      ...createEmptyFlow(),
      nodes: [
        block('trigger', 'trigger', { source: 'dm_keyword', keywords: ['guide'] }),
        block('gate', 'follow_gate', {}),
        block('call', 'http_request', { method: 'POST', url: 'https://crm.example/leads' }),
        block('ok', 'send_message', { text: 'Saved' }),
        block('failed', 'send_message', { text: 'CRM down' }),
        block('follow', 'send_message', { text: 'Follow us first' }),
        block('end', 'end'),
      ],
      edges: [
        { id: '1', source: 'trigger', sourceHandle: 'next', target: 'gate' },
        { id: '2', source: 'gate', sourceHandle: 'follows', target: 'call' },
        { id: '3', source: 'gate', sourceHandle: 'not_following', target: 'follow' },
        { id: '4', source: 'call', sourceHandle: 'success', target: 'ok' },
        { id: '5', source: 'call', sourceHandle: 'error', target: 'failed' },
        { id: '6', source: 'ok', sourceHandle: 'next', target: 'end' },
        { id: '7', source: 'failed', sourceHandle: 'next', target: 'end' },
        { id: '8', source: 'follow', sourceHandle: 'next', target: 'end' },
      ],
    });
    const botTexts = (simulation: ReturnType<typeof startSimulation>) =>
      simulation.bubbles.filter((bubble) => bubble.from === 'bot').map((bubble) => bubble.text);

    it('takes the HTTP success, error and timeout exits as chosen', () => {
      expect(botTexts(startSimulation(gatedFlow(), { httpOutcome: 'success' }))).toEqual(['Saved']);
      expect(botTexts(startSimulation(gatedFlow(), { httpOutcome: 'error' }))).toEqual(['CRM down']);
      expect(botTexts(startSimulation(gatedFlow(), { httpOutcome: 'timeout' }))).toEqual(['CRM down']);
    });

    it('takes the follow gate\'s "does not follow" exit for a contact who does not follow', () => {
      expect(botTexts(startSimulation(gatedFlow(), { followsBusiness: false }))).toEqual(['Follow us first']);
    });

    it('starts only on a message with a keyword, as on Instagram', () => {
      const missed = startSimulation(gatedFlow(), { triggerText: 'hello' });
      expect(missed.status).toBe('done');
      expect(texts(missed.bubbles)).toEqual(['contact: hello', expect.stringContaining("has none of the trigger's keywords")]);
      expect(botTexts(startSimulation(gatedFlow(), { triggerText: 'can I get the GUIDE?' }))).toEqual(['Saved']);
    });
  });
});
