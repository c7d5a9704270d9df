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

  it('notifying the team shows who would be told what, and sends nothing', () => {
    expect(
      texts(
        flow(
          { source: 'dm_keyword', keywords: ['demo'] },
          block('notify', 'notify_team', {
            message: '{{contact.username}} wants a demo',
            recipients: 'roles',
            roles: ['admin', 'owner'],
            email: true,
            slackWebhookUrl: 'https://hooks.slack.com/services/T/B/x',
          }),
          block('hi', 'send_message', { text: 'Someone will be in touch' }),
        ),
        'demo',
      ),
    ).toEqual([
      ['contact', 'demo'],
      [
        'system',
        'Team notification: “preview_user wants a demo” — would notify admins, owners in the inbox and by email (when SMTP is configured) and Slack (hooks.slack.com) (simulated: the preview sends nothing)',
      ],
      ['bot', 'Someone will be in touch'],
    ]);
  });
});
