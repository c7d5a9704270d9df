import { compileFlow } from '../../engine/compile-flow';
import { startRun } from '../../engine/run-api';
import { withStartFlowTargetProblems } from '../../flow/start-flow-targets';
import { validateFlow } from '../../flow/validate-flow';
import { flow } from '../../testing/graph-builder';
import { enter, runContext, runInput } from '../../testing/run-context.fixture';
import { startFlowBlock } from './start-flow.block';

const TARGET = '7d4c7f36-1d0b-4c8e-9a51-2f2b7f0f1e11';
const dmTrigger = { source: 'dm_keyword', keywords: ['hi'] };

function handingOver(config: Record<string, unknown> = {}) {
  return flow()
    .node('t', 'trigger', dmTrigger)
    .node('name', 'set_variable', { variable: 'plan', value: 'pro' })
    .node('next_flow', 'start_flow', { flowId: TARGET, ...config })
    .chain('t', 'name', 'next_flow');
}

describe('start flow block', () => {
  it('hands over with the variables, then reports the completion', () => {
    const context = runContext({ variables: { email: 'a@b.co' } });
    expect(enter(startFlowBlock, { flowId: TARGET, carryVariables: true }, context).effects).toEqual([
      { type: 'start_flow', flowId: TARGET, variables: { email: 'a@b.co' } },
      {
        type: 'emit_event',
        event: { name: 'flow_completed', payload: expect.objectContaining({ response_variables: { email: 'a@b.co' } }) },
      },
    ]);
  });

  it('carries no variables when told not to', () => {
    const context = runContext({ variables: { email: 'a@b.co' } });
    expect(enter(startFlowBlock, { flowId: TARGET, carryVariables: false }, context).effects?.[0]).toEqual({
      type: 'start_flow',
      flowId: TARGET,
      variables: {},
    });
  });

  it('takes only a flow id', () => {
    expect(validateFlow(handingOver({ flowId: 'welcome' }).build()).errors).toEqual([
      { nodeId: 'next_flow', field: 'flowId', block: 'Start another flow', message: 'flowId: choose the flow to start' },
    ]);
  });

  it('cannot be published before a flow is chosen', () => {
    const graph = handingOver({ flowId: '' }).build();
    expect(validateFlow(graph).valid).toBe(true);
    expect(withStartFlowTargetProblems(graph, validateFlow(graph), new Set([TARGET])).errors).toEqual([
      expect.objectContaining({ nodeId: 'next_flow', message: 'flowId: choose a published flow of this workspace to start' }),
    ]);
  });

  it('is refused when the target is not a published flow of the workspace', () => {
    const graph = handingOver().build();
    expect(withStartFlowTargetProblems(graph, validateFlow(graph), new Set([TARGET])).valid).toBe(true);
    const refused = withStartFlowTargetProblems(graph, validateFlow(graph), new Set());
    expect(refused.valid).toBe(false);
    expect(refused.errors).toEqual([
      {
        nodeId: 'next_flow',
        field: 'flowId',
        block: 'Start another flow',
        message: 'flowId: choose a published flow of this workspace to start',
      },
    ]);
  });

  it('ends the run at the block: the run is done, with the hand-over before flow_completed', () => {
    const step = startRun(compileFlow(handingOver().build()), runInput());
    expect(step.done).toBe(true);
    expect(step.nodeId).toBe('next_flow');
    expect(step.effects.map((effect) => [effect.type, effect.nodeId])).toEqual([
      ['start_flow', 'next_flow'],
      ['emit_event', 'next_flow'],
    ]);
    expect(step.effects[0]).toMatchObject({ variables: { plan: 'pro' } });
  });

  it("a run started by a hand-over begins with the carried variables, window and count, in its account's clock", () => {
    const graph = flow().node('t', 'trigger', dmTrigger).node('e', 'end').chain('t', 'e').build();
    const step = startRun(
      compileFlow(graph),
      runInput({
        trigger: { kind: 'started_by_flow', fromRunId: 'run0' },
        handover: { count: 2, variables: { plan: 'pro' }, conversation: { mode: 'awaiting_contact' }, lastMessage: 'hi' },
        account: { timeZone: 'Europe/London', locale: 'en-GB' },
      }),
    );
    expect(step.snapshot.context).toMatchObject({
      account: { timeZone: 'Europe/London', locale: 'en-GB' },
      variables: { plan: 'pro' },
      conversation: { mode: 'awaiting_contact' },
      lastMessage: 'hi',
      handovers: 2,
    });
  });
});
