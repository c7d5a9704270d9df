import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { describe, expect, it } from 'vitest';
import { describeProblem, fieldLabel } from './problem-text';
import { blockDefinition } from '@dmflow/shared';

const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: 'q1', type: 'question', position: { x: 0, y: 0 }, data: { title: 'Ask for email', config: {} } },
    { id: 'm1', type: 'send_message', position: { x: 0, y: 0 }, data: { config: {} } },
  ],
  edges: [],
};

describe('problems in plain words', () => {
  it('names the block and speaks of exits', () => {
    expect(
      describeProblem(graph, { nodeId: 'q1', message: 'port "Next" is not connected; connect it or mark it as ending the flow' }),
    ).toBe('Ask for email: the “Next” exit leads nowhere: connect it to a block, or set it to “Ends the flow”');
  });

  it('uses the block type when the block has no name, and the field label for config problems', () => {
    expect(describeProblem(graph, { nodeId: 'm1', field: 'text', message: 'text: the message text is empty' })).toBe(
      'Send message: Text: the message text is empty',
    );
  });

  it('says a missing setting is required by its label', () => {
    const label = blockDefinition('question').fields.find((field) => field.name === 'maxAttempts')!.label;
    expect(describeProblem(graph, { nodeId: 'q1', field: 'maxAttempts', message: 'maxAttempts is required' })).toBe(
      `Ask for email: ${label} is required`,
    );
  });

  it('explains the private-reply rule', () => {
    const text = describeProblem(graph, {
      nodeId: 'q1',
      message: 'after the private reply, this message waits until the person answers; give the reply a button or quick reply',
    });
    expect(text).toMatch(/^Ask for email: Instagram allows one message after a comment until the person replies/);
  });

  it('labels nested fields as the inspector does', () => {
    expect(fieldLabel(blockDefinition('send_message').fields, 'quickReplies.1.title')).toBe('Quick replies 2 · Title');
  });

  it('capitalises problems about the whole flow', () => {
    expect(describeProblem(graph, { nodeId: null, message: 'the flow has no trigger' })).toMatch(/^The flow has no Trigger block/);
  });
});
