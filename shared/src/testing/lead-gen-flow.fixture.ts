import type { FlowGraph } from '../flow/flow-graph';
import { flow } from './graph-builder';

export interface LeadGenFlowOptions {
  keyword?: string;
  delaySeconds?: number;
}

/**
 * A lead-generation flow used by tests, the benchmark and as a template:
 * trigger (DM keyword) → welcome → ask email (3 attempts) → gmail? → tag → delay → thanks → end.
 */
export function leadGenFlow(options: LeadGenFlowOptions = {}): FlowGraph {
  return flow()
    .node('trigger', 'trigger', {
      source: 'dm_keyword',
      keywordMatch: 'any',
      keywords: [options.keyword ?? 'guide'],
      oncePerUser: false,
      postScope: 'any',
      storyScope: 'any',
    })
    .node('welcome', 'send_message', {
      kind: 'text',
      text: 'Hi {{contact.username}}! Here is the guide.',
      buttons: [],
      cards: [],
      quickReplies: [],
    })
    .node('ask_email', 'question', {
      questionType: 'email',
      text: "What's your email?",
      variable: 'email',
      choices: [],
      invalidMessage: 'That does not look like an email.',
      maxAttempts: 3,
      allowSkip: false,
      skipLabel: 'Skip',
      timeoutSeconds: 0,
    })
    .node('is_gmail', 'condition', {
      match: 'all',
      rules: [{ subject: 'variable', name: 'email', operator: 'contains', value: '@gmail.' }],
    })
    .node('tag_vip', 'tag', { action: 'add', tags: ['lead', 'vip'] })
    .node('wait', 'delay', { amount: options.delaySeconds ?? 2, unit: 'seconds' })
    .node('thanks', 'send_message', { kind: 'text', text: 'Thanks! We will write to {{email}}.', buttons: [], cards: [], quickReplies: [] })
    .node('end', 'end')
    .chain('trigger', 'welcome', 'ask_email')
    .edge('ask_email', 'answered', 'is_gmail')
    .edge('ask_email', 'invalid', 'end')
    .edge('is_gmail', 'true', 'tag_vip')
    .edge('is_gmail', 'false', 'wait')
    .chain('tag_vip', 'wait', 'thanks', 'end')
    .build();
}
