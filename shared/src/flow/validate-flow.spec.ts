import { leadGenFlow } from '../testing/lead-gen-flow.fixture';
import { flow } from '../testing/graph-builder';
import type { FlowProblem } from './flow-problem';
import { validateFlow } from './validate-flow';

const dmTrigger = { source: 'dm_keyword', keywords: ['hi'] };
const commentTrigger = { source: 'comment', postScope: 'any', keywords: ['price'] };
const errorsOf = (problems: FlowProblem[]) => problems.map((problem) => [problem.nodeId, problem.message]);

describe('validateFlow', () => {
  it('accepts the lead-gen flow with no warnings', () => {
    expect(validateFlow(leadGenFlow())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it.each([
    ['no trigger', flow().node('m', 'send_message').node('e', 'end').chain('m', 'e'), [[null, 'the flow has no trigger']]],
    [
      'two triggers',
      flow().node('t', 'trigger', dmTrigger).node('t2', 'trigger', dmTrigger).node('e', 'end').chain('t', 'e').edge('t2', 'next', 'e'),
      [['t2', 'a flow has exactly one trigger; remove this one']],
    ],
    [
      'an unknown block type',
      flow().node('t', 'trigger', dmTrigger).node('x', 'teleport').node('e', 'end').chain('t', 'e'),
      [['x', 'unknown block type "teleport"']],
    ],
    [
      'duplicate node ids',
      flow().node('t', 'trigger', dmTrigger).node('e', 'end').node('e', 'end').chain('t', 'e'),
      [['e', 'two nodes share the id "e"']],
    ],
    [
      'an edge to a missing node',
      flow().node('t', 'trigger', dmTrigger).edge('t', 'next', 'ghost', 'e1'),
      [['t', 'edge e1 leads to missing node "ghost"']],
    ],
    [
      'an edge from a missing node',
      flow().node('t', 'trigger', dmTrigger).node('e', 'end').chain('t', 'e').edge('ghost', 'next', 'e', 'e2'),
      [[null, 'edge e2 starts at missing node "ghost"']],
    ],
    [
      'an edge from a port the block lacks',
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('c', 'condition')
        .node('e', 'end')
        .chain('t', 'c')
        .edge('c', 'true', 'e')
        .edge('c', 'false', 'e')
        .edge('c', 'maybe', 'e', 'e3'),
      [['c', 'edge e3 leaves from port "maybe", which this block does not have']],
    ],
    [
      'a duplicate edge id',
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('c', 'condition')
        .node('e', 'end')
        .edge('t', 'next', 'c', 'dup')
        .edge('c', 'true', 'e', 'dup')
        .edge('c', 'false', 'e'),
      [['c', 'two edges share the id "dup"']],
    ],
    [
      'a port connected twice',
      flow().node('t', 'trigger', dmTrigger).node('e', 'end').node('e2', 'end').chain('t', 'e').edge('t', 'next', 'e2'),
      [
        ['t', 'port "next" is connected twice'],
        ['e2', 'this block can never be reached from the trigger'],
      ],
    ],
    [
      'an edge into the trigger',
      flow().node('t', 'trigger', dmTrigger).node('q', 'question').chain('t', 'q').edge('q', 'answered', 't').edge('q', 'invalid', 't'),
      [
        ['t', 'nothing may lead into the trigger'],
        ['t', 'nothing may lead into the trigger'],
      ],
    ],
    [
      'an unconnected port',
      flow().node('t', 'trigger', dmTrigger).node('c', 'condition').node('e', 'end').chain('t', 'c').edge('c', 'true', 'e'),
      [['c', 'port "False" is not connected; connect it or mark it as ending the flow']],
    ],
    [
      'an unreachable block',
      flow().node('t', 'trigger', dmTrigger).node('e', 'end').node('lost', 'end').chain('t', 'e'),
      [['lost', 'this block can never be reached from the trigger']],
    ],
    [
      'a loop with nothing to wait at',
      flow().node('t', 'trigger', dmTrigger).node('a', 'tag').node('b', 'set_variable').chain('t', 'a', 'b').edge('b', 'next', 'a'),
      [['a', 'blocks a and b form a loop without a question, delay or hand over to a human to wait at; a run would go round it for ever']],
    ],
    [
      'an HTTP request whose ports both lead back to itself (security review H1)',
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('h', 'http_request', { url: '{{nothing}}' })
        .chain('t', 'h')
        .edge('h', 'success', 'h')
        .edge('h', 'error', 'h'),
      [
        [
          'h',
          'block h leads back to itself without a question, delay or hand over to a human to wait at; a run would go round it for ever',
        ],
      ],
    ],
    [
      'a loop through blocks that wait for an effect but not for time or the contact',
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('m', 'send_message')
        .node('g', 'follow_gate')
        .node('h', 'http_request', { url: 'https://example.com' })
        .node('e', 'end')
        .chain('t', 'm', 'g')
        .edge('g', 'follows', 'e')
        .edge('g', 'not_following', 'h')
        .edge('h', 'success', 'm')
        .edge('h', 'error', 'e'),
      [
        [
          'm',
          'blocks m, g and h form a loop without a question, delay or hand over to a human to wait at; a run would go round it for ever',
        ],
      ],
    ],
    [
      'two questions saving one variable',
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('q1', 'question', { variable: 'email' })
        .node('q2', 'question', { variable: 'email' })
        .node('e', 'end')
        .chain('t', 'q1')
        .edge('q1', 'answered', 'q2')
        .edge('q1', 'invalid', 'e')
        .edge('q2', 'answered', 'e')
        .edge('q2', 'invalid', 'e'),
      [['q2', 'variable "email" is already saved by question q1']],
    ],
    [
      'an invalid config',
      flow().node('t', 'trigger', dmTrigger).node('m', 'send_message', { text: '' }).node('e', 'end').chain('t', 'm', 'e'),
      [['m', 'text: the message text is empty']],
    ],
  ])('reports %s', (_name, builder, expected) => {
    const result = validateFlow(builder.build());
    expect(result.valid).toBe(false);
    expect(errorsOf(result.errors)).toEqual(expected);
  });

  it('accepts a port explicitly marked as ending the flow, and a loop through a question', () => {
    const graph = flow().node('t', 'trigger', dmTrigger).node('c', 'condition', {}, ['false']).node('q', 'question').node('e', 'end');
    graph.chain('t', 'c').edge('c', 'true', 'q').edge('q', 'invalid', 'q').edge('q', 'answered', 'e');
    expect(validateFlow(graph.build())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('accepts a loop that waits at a delay', () => {
    const graph = flow()
      .node('t', 'trigger', dmTrigger)
      .node('h', 'http_request', { url: 'https://example.com' })
      .node('d', 'delay', { amount: 1, unit: 'hours' })
      .node('e', 'end');
    graph.chain('t', 'h').edge('h', 'success', 'e').edge('h', 'error', 'd').edge('d', 'next', 'h');
    expect(validateFlow(graph.build())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('reports each loop once, even when it has several ways round', () => {
    const graph = flow().node('t', 'trigger', dmTrigger).node('c', 'condition').node('s', 'set_variable');
    graph.chain('t', 'c').edge('c', 'true', 's').edge('c', 'false', 'c').edge('s', 'next', 'c');
    expect(errorsOf(validateFlow(graph.build()).errors)).toEqual([
      ['c', 'blocks c and s form a loop without a question, delay or hand over to a human to wait at; a run would go round it for ever'],
    ]);
  });

  it('reports problems with field paths', () => {
    const result = validateFlow(
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('m', 'send_message', { quickReplies: [{ title: 'x'.repeat(21) }] })
        .node('e', 'end')
        .chain('t', 'm', 'e')
        .build(),
    );
    expect(result.errors).toEqual([
      { nodeId: 'm', block: 'Send message', field: 'quickReplies.0.title', message: expect.stringMatching(/^quickReplies\.0\.title: /) },
    ]);
  });

  describe('a setting left out (flows written by machines)', () => {
    const questionWithout = (...fields: string[]) => {
      const graph = flow()
        .node('t', 'trigger', dmTrigger)
        .node('q', 'question', { questionType: 'email', variable: 'email' }, ['invalid'])
        .node('e', 'end')
        .chain('t', 'q')
        .edge('q', 'answered', 'e')
        .build();
      const question = graph.nodes[1];
      for (const field of fields) delete question.data.config[field];
      question.data.title = 'Ask for email';
      return graph;
    };

    it('is one problem, "<field> is required", naming the block, not one per constraint it fails', () => {
      expect(validateFlow(questionWithout('maxAttempts')).errors).toEqual([
        { nodeId: 'q', block: 'Ask for email', field: 'maxAttempts', message: 'maxAttempts is required' },
      ]);
    });

    it("a null setting is missing too; each is reported once, in the block's own words where it has some", () => {
      const graph = questionWithout('maxAttempts', 'invalidMessage');
      graph.nodes[1].data.config.text = null;
      expect(errorsOf(validateFlow(graph).errors)).toEqual([
        ['q', 'text: the question text is empty'],
        ['q', 'invalidMessage is required'],
        ['q', 'maxAttempts is required'],
      ]);
    });

    it('a nested item without a required setting names its path', () => {
      const graph = flow()
        .node('t', 'trigger', dmTrigger)
        .node('q', 'question', { questionType: 'choice', choices: [{ id: 'a', title: 'A' }, { title: 'B' }] }, ['invalid'])
        .chain('t', 'q')
        .build();
      graph.edges.push(
        { id: 'a', source: 'q', sourceHandle: 'choice:a', target: 'q' },
        { id: 'b', source: 'q', sourceHandle: 'choice:undefined', target: 'q' },
      );
      expect(validateFlow(graph).errors).toContainEqual({
        nodeId: 'q',
        block: 'Question',
        field: 'choices.1.id',
        message: 'choices.1.id is required',
      });
    });

    it('a wrong value still gets its constraints', () => {
      const graph = questionWithout();
      graph.nodes[1].data.config.maxAttempts = 0;
      expect(errorsOf(validateFlow(graph).errors)).toEqual([['q', 'maxAttempts: maxAttempts must not be less than 1']]);
    });
  });

  describe('warnings (do not block publishing)', () => {
    it('warns about a send a delay pushes past the 24-hour window', () => {
      const graph = flow()
        .node('t', 'trigger', dmTrigger)
        .node('d', 'delay', { amount: 25, unit: 'hours' })
        .node('m', 'send_message')
        .node('e', 'end')
        .chain('t', 'd', 'm', 'e');
      const result = validateFlow(graph.build());
      expect(result.valid).toBe(true);
      expect(errorsOf(result.warnings)).toEqual([
        ['m', "a delay or question timeout may push this message past Instagram's 24-hour messaging window"],
      ]);
    });

    it('warns about a send after a long question timeout, not after an answer', () => {
      const graph = flow()
        .node('t', 'trigger', dmTrigger)
        .node('q', 'question', { timeoutSeconds: 20 * 3600 })
        .node('d', 'delay', { amount: 5, unit: 'hours' })
        .node('late', 'send_message')
        .node('answered', 'send_message')
        .node('e', 'end');
      graph
        .chain('t', 'q')
        .edge('q', 'timeout', 'd')
        .edge('d', 'next', 'late')
        .edge('q', 'answered', 'd')
        .edge('q', 'invalid', 'answered')
        .chain('late', 'e')
        .chain('answered', 'e');
      const result = validateFlow(graph.build());
      expect(errorsOf(result.warnings)).toEqual([
        ['late', "a delay or question timeout may push this message past Instagram's 24-hour messaging window"],
      ]);
    });

    it('sums delays in a row', () => {
      const graph = flow()
        .node('t', 'trigger', dmTrigger)
        .node('d1', 'delay', { amount: 13, unit: 'hours' })
        .node('d2', 'delay', { amount: 12, unit: 'hours' })
        .node('m', 'send_message')
        .node('e', 'end');
      graph.chain('t', 'd1', 'd2', 'm', 'e');
      expect(validateFlow(graph.build()).warnings.map((warning) => warning.nodeId)).toEqual(['m']);
    });

    it('warns about a second message after a comment private reply with no button to answer', () => {
      const graph = flow()
        .node('t', 'trigger', commentTrigger)
        .node('reply', 'send_message')
        .node('more', 'send_message')
        .node('e', 'end')
        .chain('t', 'reply', 'more', 'e');
      expect(errorsOf(validateFlow(graph.build()).warnings)).toEqual([
        ['more', 'after the private reply, this message waits until the person answers; give the reply a button or quick reply'],
      ]);
    });

    it('does not warn when the private reply carries a button, or for DM-started flows', () => {
      const withButton = flow()
        .node('t', 'trigger', commentTrigger)
        .node('reply', 'send_message', {
          kind: 'buttons',
          text: 'Want the link?',
          buttons: [{ type: 'postback', title: 'Send it', payload: 'LINK' }],
        })
        .node('more', 'send_message')
        .node('e', 'end')
        .chain('t', 'reply', 'more', 'e');
      expect(validateFlow(withButton.build()).warnings).toEqual([]);
      const fromDm = flow()
        .node('t', 'trigger', dmTrigger)
        .node('a', 'send_message')
        .node('b', 'send_message')
        .node('e', 'end')
        .chain('t', 'a', 'b', 'e');
      expect(validateFlow(fromDm.build()).warnings).toEqual([]);
    });

    it('warns when the private reply may come more than 7 days after the comment', () => {
      const graph = flow()
        .node('t', 'trigger', commentTrigger)
        .node('d', 'delay', { amount: 8, unit: 'days' })
        .node('m', 'send_message')
        .node('e', 'end')
        .chain('t', 'd', 'm', 'e');
      expect(validateFlow(graph.build()).warnings.map((warning) => warning.message)).toEqual([
        "a delay or question timeout may push this message past Instagram's 24-hour messaging window",
        'the private reply to the comment may come more than 7 days after it; Instagram will refuse it',
      ]);
    });
  });
});
