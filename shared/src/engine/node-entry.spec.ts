import { questionBlock } from '../blocks/question/question.block';
import { answerOutcomes } from '../flow/answer-outcomes';
import { flow } from '../testing/graph-builder';
import { AT, runInput } from '../testing/run-context.fixture';
import { compileFlow, IMPLICIT_END } from './compile-flow';
import { applyEvent, startRun } from './run-api';

const dmTrigger = { source: 'dm_keyword', keywords: ['hi'] };
const say = (text: string) => ({ type: 'contact.message' as const, text, at: AT });

describe('step history: the nodes a run enters, and the port it left each one by', () => {
  const machine = compileFlow(
    flow()
      .node('t', 'trigger', dmTrigger)
      .node('q', 'question', { variable: 'email', questionType: 'email', maxAttempts: 2 })
      .node('m', 'send_message', { kind: 'text', text: 'Thanks' })
      .node('e', 'end')
      .chain('t', 'q')
      .edge('q', 'answered', 'm')
      .edge('q', 'invalid', 'e')
      .chain('m', 'e')
      .build(),
  );

  it('records the trigger and every node up to the first wait', () => {
    const step = startRun(machine, runInput());
    expect(step.entered).toEqual([
      { nodeId: 't', nodeType: 'trigger' },
      { nodeId: 'q', nodeType: 'question', from: { nodeId: 't', port: 'next' } },
    ]);
  });

  it('records nothing while the run stays at a node (a re-asked question)', () => {
    const first = startRun(machine, runInput());
    expect(applyEvent(machine, first.snapshot, say('not an email')).entered).toEqual([]);
  });

  it('records the exit port of a waiting node and the end node', () => {
    const first = startRun(machine, runInput());
    const done = applyEvent(machine, first.snapshot, say('ann@example.com'));
    expect(done.done).toBe(true);
    expect(done.entered).toEqual([
      { nodeId: 'm', nodeType: 'send_message', from: { nodeId: 'q', port: 'answered' } },
      { nodeId: 'e', nodeType: 'end', from: { nodeId: 'm', port: 'next' } },
    ]);
    const invalid = applyEvent(machine, applyEvent(machine, first.snapshot, say('x')).snapshot, say('y'));
    expect(invalid.entered).toEqual([{ nodeId: 'e', nodeType: 'end', from: { nodeId: 'q', port: 'invalid' } }]);
  });

  it('records the implicit end of a terminal port as an end node', () => {
    const step = startRun(
      compileFlow(flow().node('t', 'trigger', dmTrigger).node('c', 'condition', {}, ['true', 'false']).chain('t', 'c').build()),
      runInput(),
    );
    expect(step.entered.map((entry) => [entry.nodeId, entry.nodeType, entry.from?.port])).toEqual([
      ['t', 'trigger', undefined],
      ['c', 'condition', 'next'],
      [IMPLICIT_END, 'end', 'false'],
    ]);
  });
});

describe('question ports say which answer outcome they stand for', () => {
  it('marks answered, skipped, invalid and timed-out ports', () => {
    const config = {
      ...questionBlock.defaults(),
      questionType: 'choice' as const,
      choices: [{ id: 'a', title: 'A' }],
      allowSkip: true,
      timeoutSeconds: 60,
    };
    expect(questionBlock.ports(config).map((port) => [port.id, port.answer])).toEqual([
      ['choice:a', 'answered'],
      ['skipped', 'skipped'],
      ['invalid', 'invalid'],
      ['timeout', 'timed_out'],
    ]);
  });
});

describe('answerOutcomes', () => {
  it('maps a question node’s ports to outcomes and ignores other blocks', () => {
    const graph = flow()
      .node('t', 'trigger', dmTrigger)
      .node('q', 'question', { variable: 'v', questionType: 'text', allowSkip: true, timeoutSeconds: 0 })
      .chain('t', 'q')
      .build();
    const [triggerNode, questionNode] = graph.nodes;
    expect(answerOutcomes(triggerNode)).toBeNull();
    expect([...(answerOutcomes(questionNode) ?? [])]).toEqual([
      ['answered', 'answered'],
      ['skipped', 'skipped'],
      ['invalid', 'invalid'],
    ]);
  });
});
