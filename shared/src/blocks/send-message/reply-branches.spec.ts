import { compileFlow } from '../../engine/compile-flow';
import { applyEvent, startRun } from '../../engine/run-api';
import { validateFlow } from '../../flow/validate-flow';
import { answerOutcomes } from '../../flow/answer-outcomes';
import { flow } from '../../testing/graph-builder';
import { AT, runInput } from '../../testing/run-context.fixture';
import { sendMessageBlock } from './send-message.block';
import type { SendMessageConfig } from './send-message.config';

const choice: Partial<SendMessageConfig> = {
  kind: 'buttons',
  text: 'What would you like?',
  branchOnReply: true,
  buttons: [
    { type: 'postback', title: 'Prices', payload: 'PRICES' },
    { type: 'web_url', title: 'Website', url: 'https://example.com' },
    { type: 'postback', title: 'Talk to us', payload: 'HUMAN' },
  ],
};

function branchingFlow(config: Partial<SendMessageConfig> = choice) {
  return flow()
    .node('t', 'trigger', { source: 'dm_keyword', keywords: ['menu'] })
    .node('menu', 'send_message', config)
    .node('prices', 'send_message', { kind: 'text', text: 'Plans start at $9.' })
    .node('human', 'send_message', { kind: 'text', text: 'Someone will answer soon.' })
    .node('other', 'send_message', { kind: 'text', text: 'Tap one of the buttons, please.' })
    .node('e', 'end')
    .edge('t', 'next', 'menu')
    .edge('menu', 'button:0', 'prices')
    .edge('menu', 'button:2', 'human')
    .edge('menu', 'other', 'other')
    .chain('prices', 'e')
    .chain('human', 'e')
    .chain('other', 'e');
}

const texts = (effects: { type: string; message?: unknown }[]) =>
  effects.filter((effect) => effect.type === 'send_message').map((effect) => (effect.message as { text?: string }).text);

describe('send_message: each button its own exit', () => {
  it('declares one exit per postback button and quick reply, plus "something else"; none when not branching', () => {
    const ports = (config: Partial<SendMessageConfig>) =>
      sendMessageBlock.ports({ ...sendMessageBlock.defaults(), ...config }).map((port) => port.id);
    expect(ports(choice)).toEqual(['button:0', 'button:2', 'other']);
    expect(
      ports({ kind: 'text', text: 'Ready?', quickReplies: [{ title: 'Yes' }, { title: 'No', payload: 'NO' }], branchOnReply: true }),
    ).toEqual(['reply:0', 'reply:1', 'other']);
    expect(ports({ ...choice, branchOnReply: false })).toEqual(['next']);
  });

  it('a postback from button 2 follows button 2’s exit; another tap or a typed message takes "something else"', () => {
    const machine = compileFlow(branchingFlow().build());
    const started = startRun(machine, runInput({ trigger: { kind: 'dm', text: 'menu' } }));
    expect(started.nodeId).toBe('menu');
    expect(started.done).toBe(false);
    const tapped = applyEvent(machine, started.snapshot, { type: 'contact.postback', payload: 'HUMAN', title: 'Talk to us', at: AT });
    expect(texts(tapped.effects)).toEqual(['Someone will answer soon.']);
    expect(tapped.done).toBe(true);

    const first = applyEvent(machine, started.snapshot, { type: 'contact.postback', payload: 'PRICES', at: AT });
    expect(texts(first.effects)).toEqual(['Plans start at $9.']);
    const typed = applyEvent(machine, started.snapshot, { type: 'contact.message', text: 'hello?', at: AT });
    expect(texts(typed.effects)).toEqual(['Tap one of the buttons, please.']);
  });

  it('a quick reply follows its own exit, matched by payload or title', () => {
    const machine = compileFlow(
      flow()
        .node('t', 'trigger', { source: 'dm_keyword', keywords: ['menu'] })
        .node('ask', 'send_message', {
          kind: 'text',
          text: 'Ready?',
          quickReplies: [{ title: 'Yes' }, { title: 'No', payload: 'NO' }],
          branchOnReply: true,
        })
        .node('yes', 'send_message', { kind: 'text', text: 'Great!' })
        .node('no', 'send_message', { kind: 'text', text: 'Maybe later.' })
        .edge('t', 'next', 'ask')
        .edge('ask', 'reply:0', 'yes')
        .edge('ask', 'reply:1', 'no')
        .node('e', 'end', {}, undefined)
        .edge('ask', 'other', 'e')
        .chain('yes', 'e')
        .chain('no', 'e')
        .build(),
    );
    const started = startRun(machine, runInput({ trigger: { kind: 'dm', text: 'menu' } }));
    const no = applyEvent(machine, started.snapshot, { type: 'contact.message', text: 'No', quickReplyPayload: 'NO', at: AT });
    expect(texts(no.effects)).toEqual(['Maybe later.']);
    const yes = applyEvent(machine, started.snapshot, { type: 'contact.message', text: 'Yes', quickReplyPayload: 'Yes', at: AT });
    expect(texts(yes.effects)).toEqual(['Great!']);
  });

  it('after a private reply, the branching message waits for the tap on its own buttons', () => {
    const machine = compileFlow(branchingFlow().build());
    const started = startRun(machine, runInput({ trigger: { kind: 'comment', text: 'menu', commentId: 'c1', mediaId: 'm1' } }));
    expect(started.nodeId).toBe('menu');
    const tapped = applyEvent(machine, started.snapshot, { type: 'contact.postback', payload: 'PRICES', at: AT });
    expect(texts(tapped.effects)).toEqual(['Plans start at $9.']);
  });

  it('is validated: something to tap, payloads told apart; branch exits count as answers', () => {
    expect(validateFlow(branchingFlow().build()).errors).toEqual([]);
    const same = branchingFlow({ ...choice, buttons: [choice.buttons![0], { ...choice.buttons![0], title: 'Again' }] }).build();
    expect(validateFlow(same).errors.map((problem) => problem.message)).toContain(
      'branchOnReply: two buttons or quick replies send “PRICES”; give each its own payload',
    );
    const nothing = branchingFlow({ kind: 'text', text: 'Hi', quickReplies: [], branchOnReply: true }).build();
    expect(validateFlow(nothing).errors.map((problem) => problem.message)).toContain(
      'branchOnReply: add a button that sends a postback, or a quick reply, to branch on',
    );
    const menu = branchingFlow()
      .build()
      .nodes.find((node) => node.id === 'menu')!;
    expect([...(answerOutcomes(menu)?.keys() ?? [])]).toEqual(['button:0', 'button:2', 'other']);
  });
});
