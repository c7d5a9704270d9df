import { SKIP_PAYLOAD } from '../blocks/question/question.block';
import { flow } from '../testing/graph-builder';
import { AT, runInput } from '../testing/run-context.fixture';
import { compileFlow, FlowCompileError, IMPLICIT_END } from './compile-flow';
import type { Effect } from '../kernel/effects';
import type { RunInput } from '../kernel/run-context';
import type { RunEvent } from '../kernel/run-events';
import { applyEvent, startRun, type RunStep } from './run-api';

const dmTrigger = { source: 'dm_keyword', keywords: ['hi'] };
const text = (value: string) => ({ kind: 'text', text: value });
const say = (value: string): RunEvent => ({ type: 'contact.message', text: value, at: AT });
const sends = (step: RunStep) => step.effects.filter((effect) => effect.type === 'send_message').map((effect) => effect.message);
const types = (step: RunStep) => step.effects.map((effect) => effect.type);
const timerOf = (step: RunStep) =>
  (step.effects.find((effect) => effect.type === 'schedule_timer') as Extract<Effect, { type: 'schedule_timer' }>).timerId;

function start(builder: ReturnType<typeof flow>, input: Partial<RunInput> = {}) {
  const machine = compileFlow(builder.build());
  let step = startRun(machine, runInput(input));
  return {
    get step() {
      return step;
    },
    send(event: RunEvent) {
      step = applyEvent(machine, step.snapshot, event);
      return step;
    },
  };
}

describe('compileFlow + startRun/applyEvent', () => {
  it('runs trigger → message → end in one step, with stable keys, and ends', () => {
    const run = start(
      flow().node('t', 'trigger', dmTrigger).node('m', 'send_message', text('Hello')).node('e', 'end').chain('t', 'm', 'e'),
    );
    expect(run.step.done).toBe(true);
    expect(run.step.nodeId).toBe('e');
    expect(run.step.effects.map((effect) => [effect.type, effect.key, effect.nodeId])).toEqual([
      ['send_message', 'run1:2:0', 'm'],
      ['emit_event', 'run1:3:0', 'e'],
    ]);
    expect(run.step.snapshot.status).toBe('done');
    expect(() => run.send(say('late'))).toThrow('the run has ended');
  });

  it('refuses an invalid graph with its problems', () => {
    expect(() => compileFlow(flow().node('e', 'end').build())).toThrow(FlowCompileError);
  });

  it('stores a snapshot that survives JSON and continues from it', () => {
    const graph = flow()
      .node('t', 'trigger', dmTrigger)
      .node('q', 'question', { variable: 'name' })
      .node('e', 'end')
      .chain('t', 'q')
      .edge('q', 'answered', 'e')
      .edge('q', 'invalid', 'e');
    const machine = compileFlow(graph.build());
    const first = startRun(machine, runInput());
    const stored = JSON.parse(JSON.stringify(first.snapshot));
    expect(stored).toEqual(first.snapshot);
    const next = applyEvent(machine, stored, say('Ann'));
    expect(next.done).toBe(true);
    expect(next.snapshot.context.variables).toEqual({ name: 'Ann' });
  });

  it('question: re-asks, then routes a choice by port', () => {
    const choices = [
      { id: 's', title: 'Small' },
      { id: 'l', title: 'Large' },
    ];
    const builder = flow()
      .node('t', 'trigger', dmTrigger)
      .node('q', 'question', { questionType: 'choice', variable: 'size', text: 'Size?', choices, invalidMessage: 'Pick one.' })
      .node('small', 'send_message', text('S!'))
      .node('large', 'send_message', text('L!'))
      .node('e', 'end');
    builder
      .chain('t', 'q')
      .edge('q', 'choice:s', 'small')
      .edge('q', 'choice:l', 'large')
      .edge('q', 'invalid', 'e')
      .chain('small', 'e')
      .chain('large', 'e');
    const run = start(builder);
    expect(run.step.nodeId).toBe('q');
    expect(sends(run.send(say('medium')))).toEqual([{ text: 'Pick one.\n\nSize?', quick_replies: expect.any(Array) }]);
    const answered = run.send({ type: 'contact.message', text: 'Large', quickReplyPayload: 'choice:l', at: AT });
    expect(sends(answered)).toEqual([{ text: 'L!' }]);
    expect(answered.snapshot.context.variables).toEqual({ size: 'Large' });
    expect(answered.done).toBe(true);
  });

  it('question: times out on its timer, skips on the skip button', () => {
    const builder = flow()
      .node('t', 'trigger', dmTrigger)
      .node('q', 'question', { variable: 'v', timeoutSeconds: 60, allowSkip: true })
      .node('late', 'tag', { action: 'add', tags: ['timed_out'] })
      .node('skip', 'tag', { action: 'add', tags: ['skipped'] })
      .node('e', 'end');
    builder
      .chain('t', 'q')
      .edge('q', 'answered', 'e')
      .edge('q', 'invalid', 'e')
      .edge('q', 'timeout', 'late')
      .edge('q', 'skipped', 'skip')
      .chain('late', 'e')
      .chain('skip', 'e');
    const timedOut = start(builder);
    const timerId = timerOf(timedOut.step);
    expect(timerId).toBe('run1:q:2');
    expect(timedOut.send({ type: 'timer.fired', timerId, at: AT }).snapshot.context.tags).toEqual(['timed_out']);
    const skipped = start(builder);
    expect(skipped.send({ type: 'contact.message', text: 'Skip', quickReplyPayload: SKIP_PAYLOAD, at: AT }).snapshot.context.tags).toEqual([
      'skipped',
    ]);
  });

  it('condition routes to true and false', () => {
    const builder = flow()
      .node('t', 'trigger', dmTrigger)
      .node('c', 'condition', { match: 'all', rules: [{ subject: 'tag', name: 'vip', operator: 'has_tag' }] })
      .node('yes', 'send_message', text('VIP'))
      .node('no', 'send_message', text('Regular'))
      .node('e', 'end');
    builder.chain('t', 'c').edge('c', 'true', 'yes').edge('c', 'false', 'no').chain('yes', 'e').chain('no', 'e');
    expect(sends(start(builder, { tags: ['vip'] }).step)).toEqual([{ text: 'VIP' }]);
    expect(sends(start(builder).step)).toEqual([{ text: 'Regular' }]);
  });

  it('delay parks on a timer id and ignores stale timers', () => {
    const run = start(
      flow()
        .node('t', 'trigger', dmTrigger)
        .node('d', 'delay', { amount: 10, unit: 'minutes' })
        .node('m', 'send_message', text('Later'))
        .node('e', 'end')
        .chain('t', 'd', 'm', 'e'),
    );
    expect(run.step.effects).toEqual([
      { type: 'schedule_timer', purpose: 'delay', delayMs: 600_000, key: 'run1:2:0', nodeId: 'd', timerId: 'run1:d:2' },
    ]);
    const stale = run.send({ type: 'timer.fired', timerId: 'run1:d:1', at: AT });
    expect([stale.nodeId, stale.effects]).toEqual(['d', []]);
    expect(sends(run.send({ type: 'timer.fired', timerId: 'run1:d:2', at: AT }))).toEqual([{ text: 'Later' }]);
  });

  it('randomizer, follow gate, tag and set_variable route and record', () => {
    const builder = flow()
      .node('t', 'trigger', dmTrigger)
      .node('r', 'randomizer', {
        variants: [
          { id: 'only', label: 'All', weight: 1 },
          { id: 'never', label: 'None', weight: 0 },
        ],
        sticky: false,
      })
      .node('g', 'follow_gate')
      .node('tag', 'tag', { action: 'add', tags: ['follower'] })
      .node('v', 'set_variable', { variable: 'source', operation: 'set', value: 'ig:{{contact.username}}' })
      .node('e', 'end');
    builder
      .chain('t', 'r')
      .edge('r', 'variant:only', 'g')
      .edge('r', 'variant:never', 'e')
      .edge('g', 'follows', 'tag')
      .edge('g', 'not_following', 'v')
      .chain('tag', 'v', 'e');
    const answer = (followsBusiness: boolean) => {
      const run = start(builder);
      expect(types(run.step)).toEqual(['fetch_profile']);
      return run.send({ type: 'profile.fetched', effectKey: run.step.effects[0].key, followsBusiness, at: AT });
    };
    expect(answer(true).snapshot.context).toMatchObject({ tags: ['follower'], variables: { source: 'ig:user123' } });
    expect(answer(false).snapshot.context).toMatchObject({ tags: [], variables: { source: 'ig:user123' } });
  });

  it('ai_reply asks the model in an effect, then sends its one answer and leaves by replied', () => {
    const builder = flow().node('t', 'trigger', dmTrigger).node('ai', 'ai_reply').node('e', 'end');
    builder.chain('t', 'ai').edge('ai', 'replied', 'e').edge('ai', 'handover', 'e').edge('ai', 'error', 'e');
    const run = start(builder, { trigger: { kind: 'dm', text: 'hi, what is the price?' } });
    expect(types(run.step)).toEqual(['ai_complete']);
    expect(run.step.effects[0]).toMatchObject({ task: { kind: 'reply', message: 'hi, what is the price?' } });
    const answer = { kind: 'reply' as const, text: 'Prices start at $10.', handover: false };
    expect(run.send({ type: 'ai.answered', effectKey: 'run1:9:0', answer, at: AT }).nodeId).toBe('ai');
    const done = run.send({ type: 'ai.answered', effectKey: 'run1:2:0', answer, at: AT });
    expect(sends(done)).toEqual([{ text: 'Prices start at $10.' }]);
    expect(done.done).toBe(true);
    // The answer is recorded once; a repeat finds the run ended.
    expect(() => run.send({ type: 'ai.answered', effectKey: 'run1:2:0', answer, at: AT })).toThrow(/ended/);
  });

  it('http_request waits for its own response, then routes and saves', () => {
    const builder = flow()
      .node('t', 'trigger', dmTrigger)
      .node('h', 'http_request', { url: 'https://crm.example/x', saveResponse: [{ path: 'id', variable: 'crm_id' }] })
      .node('e', 'end');
    builder.chain('t', 'h').edge('h', 'success', 'e').edge('h', 'error', 'e');
    const run = start(builder);
    expect(types(run.step)).toEqual(['http_request']);
    expect(run.step.snapshot.context.node.pendingEffectKey).toBe('run1:2:0');
    expect(run.send({ type: 'http.responded', effectKey: 'run1:9:0', status: 200, body: { id: 1 }, at: AT }).nodeId).toBe('h');
    const done = run.send({ type: 'http.responded', effectKey: 'run1:2:0', status: 200, body: { id: 'c-7' }, at: AT });
    expect(done.done).toBe(true);
    expect(done.snapshot.context.variables).toEqual({ crm_id: 'c-7' });
  });

  it('a port marked terminal ends the run like an end block', () => {
    const run = start(flow().node('t', 'trigger', dmTrigger).node('c', 'condition', {}, ['true', 'false']).chain('t', 'c'));
    expect(run.step.done).toBe(true);
    expect(run.step.nodeId).toBe(IMPLICIT_END);
    expect(types(run.step)).toEqual(['emit_event']);
  });

  it('node ids with dots and spaces still compile', () => {
    const run = start(
      flow().node('t.1', 'trigger', dmTrigger).node('my node', 'send_message', text('x')).node('e#1', 'end').chain('t.1', 'my node', 'e#1'),
    );
    expect(run.step.done).toBe(true);
    expect(run.step.nodeId).toBe('e#1');
  });

  describe("Instagram's private-reply rule for comment-started runs", () => {
    const commentTrigger = { source: 'comment', postScope: 'any', keywords: ['price'], publicReply: 'Check your DMs!' };
    const builder = () =>
      flow()
        .node('t', 'trigger', commentTrigger)
        .node('reply', 'send_message', text('Here is the price list'))
        .node('more', 'send_message', text('Anything else?'))
        .node('e', 'end')
        .chain('t', 'reply', 'more', 'e');
    const fromComment = { trigger: { kind: 'comment' as const, commentId: 'c1', mediaId: 'm1', text: 'price?' } };

    it('replies publicly, sends the first message as the private reply and holds the next until the person answers', () => {
      const run = start(builder(), fromComment);
      expect(run.step.effects.map((effect) => (effect.type === 'send_message' ? [effect.type, effect.recipient] : [effect.type]))).toEqual([
        ['reply_comment'],
        ['send_message', { comment_id: 'c1' }],
      ]);
      expect(run.step.nodeId).toBe('more');
      expect(run.step.snapshot.context.node.deferred).toBe(true);
      expect(run.send({ type: 'timer.fired', timerId: 'x', at: AT }).effects).toEqual([]);
      const answered = run.send({ type: 'contact.postback', payload: 'MORE', at: AT });
      expect(answered.effects[0]).toMatchObject({
        type: 'send_message',
        recipient: { id: '2358708294634624' },
        message: { text: 'Anything else?' },
      });
      expect(answered.done).toBe(true);
    });
  });
});
