import { compileFlow } from '../engine/compile-flow';
import { applyEvent, startRun } from '../engine/run-api';
import { matchesTrigger } from '../blocks/trigger/trigger-matcher';
import { flowTrigger } from '../flow/flow-trigger';
import { validateFlow } from '../flow/validate-flow';
import { AT, runInput } from '../testing/run-context.fixture';
import { FLOW_TEMPLATES, flowTemplate, parseKeywords } from './index';

describe('flow templates', () => {
  it.each(FLOW_TEMPLATES.map((template) => [template.id, template] as const))(
    '%s builds a valid flow without warnings, from its defaults and from answers',
    (_id, template) => {
      const defaults = validateFlow(template.build({}));
      expect(defaults.errors).toEqual([]);
      expect(defaults.warnings).toEqual([]);
      const answered = template.build({
        post: { scope: 'specific', mediaId: '18100000000000003' },
        keywords: ['free guide'],
        texts: Object.fromEntries(template.questions.texts.map((text) => [text.key, `Custom ${text.key}, with a comma`.slice(0, 20)])),
      });
      expect(validateFlow(answered).errors).toEqual([]);
      expect(() => compileFlow(answered)).not.toThrow();
    },
  );

  it('offers the five campaigns of the issue, each with a name and a description', () => {
    expect(FLOW_TEMPLATES.map((template) => template.id)).toEqual([
      'lead-magnet',
      'follow-giveaway',
      'story-reply',
      'dm-keyword-faq',
      'collect-email-phone',
    ]);
    for (const template of FLOW_TEMPLATES) expect(template.name && template.description).toBeTruthy();
  });

  it('lead magnet: the wizard answers land in the trigger, a reply with a comma stays one reply', () => {
    const graph = flowTemplate('lead-magnet')!.build({
      post: { scope: 'specific', mediaId: 'm1' },
      keywords: parseKeywords('free guide, ebook'),
      texts: { publicReply: 'Thanks, check your inbox!\nSent, @{{contact.username}}!', thanks: '' },
    });
    const trigger = flowTrigger(graph)!;
    expect(trigger).toMatchObject({
      source: 'comment',
      postScope: 'specific',
      mediaId: 'm1',
      keywords: ['free guide', 'ebook'],
      publicReply: 'Thanks, check your inbox!',
      publicReplyVariants: ['Sent, @{{contact.username}}!'],
    });
    expect(matchesTrigger(trigger, { kind: 'comment', text: 'Can I get the FREE guide?', mediaId: 'm1' })).toBe(true);
    expect(matchesTrigger(trigger, { kind: 'comment', text: 'free guide', mediaId: 'm2' })).toBe(false);
    expect(graph.nodes.find((node) => node.id === 'thanks')?.data.config.text).toBe('Thanks! The guide is on its way to {{email}}.');
  });

  it('lead magnet runs: public reply + private reply with a button, the email question after the tap, then tag and thanks', () => {
    const machine = compileFlow(flowTemplate('lead-magnet')!.build({ keywords: ['guide'] }));
    const started = startRun(
      machine,
      runInput({
        trigger: { kind: 'comment', text: 'guide', commentId: 'c1', mediaId: 'm1' },
        conversation: { mode: 'awaiting_contact' },
      } as never),
    );
    expect(started.effects.map((effect) => effect.type)).toEqual(['reply_comment', 'send_message']);
    const tapped = applyEvent(machine, started.snapshot, {
      type: 'contact.postback',
      payload: 'LEAD_MAGNET_SEND',
      title: 'Send it to me',
      at: AT,
    });
    expect(tapped.effects.map((effect) => effect.type)).toEqual(['send_message']);
    const answered = applyEvent(machine, tapped.snapshot, { type: 'contact.message', text: 'jane@example.com', at: AT });
    expect(answered.done).toBe(true);
    expect(answered.snapshot.context.tags).toContain('lead-magnet');
  });

  it('parses typed keywords on commas and new lines, keeping spaces inside each', () => {
    expect(parseKeywords('free guide, ebook')).toEqual(['free guide', 'ebook']);
    expect(parseKeywords(' free   guide ,, ebook\nebook ,')).toEqual(['free guide', 'ebook']);
    expect(parseKeywords('')).toEqual([]);
  });
});
