import { renderTemplate } from '../../text/template';
import { templateValues } from '../../kernel/run-context';
import { stableHash } from '../../util/stable-hash';
import type { BlockDefinition, FieldDescriptor } from '../../kernel/block-definition';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import {
  KEYWORD_MATCHES,
  POST_SCOPES,
  STORY_SCOPES,
  TEXTLESS_SOURCES,
  TRIGGER_SOURCES,
  TriggerCondition,
  TriggerConfig,
} from './trigger.config';
import { triggerConditions } from './trigger-matcher';

const SOURCE_LABELS: Record<(typeof TRIGGER_SOURCES)[number], string> = {
  comment: 'Comment on a post',
  live_comment: 'Live comment',
  story_reply: 'Story reply',
  dm_keyword: 'DM keyword',
  postback: 'Button postback',
  story_mention: 'Mention in a story',
  mention: 'Mention in a post or comment',
  ref_url: 'Ref link (ig.me)',
};

/** What one trigger listens to; the trigger's own settings and each of its "more triggers" use these. */
const CONDITION_FIELDS: FieldDescriptor[] = [
  {
    name: 'source',
    label: 'Starts when',
    kind: 'select',
    options: TRIGGER_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })),
  },
  {
    name: 'postScope',
    label: 'Post',
    kind: 'select',
    options: POST_SCOPES.map((value) => ({
      value,
      label: { specific: 'A specific post', any: 'Any post', next: 'The next post I publish' }[value],
    })),
    visibleWhen: { field: 'source', equals: ['comment'] },
  },
  { name: 'mediaId', label: 'Which post', kind: 'post', visibleWhen: { field: 'postScope', equals: ['specific'] } },
  {
    name: 'storyScope',
    label: 'Story',
    kind: 'select',
    options: STORY_SCOPES.map((value) => ({ value, label: value === 'any' ? 'Any story' : 'A specific story' })),
    visibleWhen: { field: 'source', equals: ['story_reply'] },
  },
  { name: 'storyId', label: 'Story id', kind: 'text', visibleWhen: { field: 'storyScope', equals: ['specific'] } },
  {
    name: 'keywordMatch',
    label: 'Keywords',
    kind: 'select',
    help: 'Matching ignores case and accents.',
    options: KEYWORD_MATCHES.map((value) => ({
      value,
      label: {
        any: 'Contains any keyword',
        all: 'Contains all keywords',
        exact: 'Is exactly a keyword',
        every: 'Every message (no keyword)',
      }[value],
    })),
    visibleWhen: { field: 'source', equals: ['comment', 'live_comment', 'story_reply', 'dm_keyword', 'mention'] },
  },
  {
    name: 'keywords',
    label: 'Keyword list',
    kind: 'string-list',
    commaSeparated: true,
    placeholder: 'e.g. guide, free guide',
    maxItems: 50,
    maxLength: 100,
    visibleWhen: { field: 'keywordMatch', equals: ['any', 'all', 'exact'] },
  },
  {
    name: 'payload',
    label: 'Button value that starts the flow',
    kind: 'text',
    maxLength: INSTAGRAM_LIMITS.payloadChars,
    visibleWhen: { field: 'source', equals: ['postback'] },
  },
  {
    name: 'ref',
    label: 'Link ref (ig.me/m/<username>?ref=…)',
    kind: 'ref-link',
    help: 'People who open the link start this flow; the ref is saved on the contact as the variable "ref" ({{trigger.ref}} in this run).',
    placeholder: 'e.g. summer-sale',
    maxLength: 250,
    visibleWhen: { field: 'source', equals: ['ref_url'] },
  },
];

const MORE_TRIGGER_FIELDS: FieldDescriptor[] = CONDITION_FIELDS.map((field) =>
  field.name === 'postScope' ? { ...field, options: field.options?.filter((option) => option.value !== 'next') } : field,
);

function conditionProblems(condition: TriggerCondition, where: string): string[] {
  return condition.keywordMatch !== 'every' && !TEXTLESS_SOURCES.includes(condition.source) && (condition.keywords ?? []).length === 0
    ? [`${where}add at least one keyword, or choose "Every message"`]
    : [];
}

export const triggerBlock: BlockDefinition<TriggerConfig> = {
  type: 'trigger',
  label: 'Trigger',
  description:
    'Starts the flow: a comment, live comment, story reply, DM keyword, button postback, a mention in a story, post or comment, or a ref link.',
  icon: 'zap',
  category: 'trigger',
  configClass: TriggerConfig,
  defaults: () =>
    Object.assign(new TriggerConfig(), {
      source: 'comment',
      postScope: 'any',
      storyScope: 'any',
      keywordMatch: 'any',
      keywords: ['info'],
      oncePerUser: false,
      moreTriggers: [],
    } satisfies Partial<TriggerConfig>),
  fields: [
    ...CONDITION_FIELDS,
    {
      name: 'publicReply',
      label: 'Public reply to the comment',
      kind: 'textarea',
      templated: true,
      maxLength: INSTAGRAM_LIMITS.commentTextChars,
      visibleWhen: { field: 'source', equals: ['comment'] },
    },
    {
      name: 'publicReplyVariants',
      label: 'More public replies (one is picked per comment)',
      kind: 'string-list',
      maxItems: 10,
      maxLength: INSTAGRAM_LIMITS.commentTextChars,
      visibleWhen: { field: 'source', equals: ['comment'] },
    },
    { name: 'oncePerUser', label: 'Fire once per user', kind: 'boolean' },
    {
      name: 'moreTriggers',
      label: 'More triggers',
      kind: 'list',
      help: 'Another post, a DM keyword…: any of them starts this flow.',
      maxItems: 10,
      itemFields: MORE_TRIGGER_FIELDS,
      newItem: () => ({ source: 'comment', postScope: 'any', storyScope: 'any', keywordMatch: 'any', keywords: [] }),
    },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  messagingWindow: {
    startsWithPrivateReply: (config) =>
      triggerConditions(config).some((condition) => ['comment', 'live_comment', 'mention'].includes(condition.source)),
  },
  check: (config) => [
    ...conditionProblems(config, ''),
    ...(config.moreTriggers ?? []).flatMap((condition, index) => [
      ...conditionProblems(condition, `moreTriggers: trigger ${index + 2}: `),
      ...(condition.source === 'comment' && condition.postScope === 'next'
        ? [`moreTriggers: trigger ${index + 2}: "The next post I publish" works for the first trigger only`]
        : []),
    ]),
  ],
  enter: ({ config, context }) => {
    const commentId = context.trigger.commentId;
    const replies = [config.publicReply ?? '', ...(config.publicReplyVariants ?? [])].filter((text) => text.trim() !== '');
    if (replies.length && commentId && context.trigger.kind === 'comment') {
      // Picked from the comment id, not Math.random: the machine stays pure and a replayed step posts the same text.
      const reply = replies[stableHash(commentId) % replies.length];
      return { next: 'next', effects: [{ type: 'reply_comment', commentId, text: renderTemplate(reply, templateValues(context)) }] };
    }
    return { next: 'next' };
  },
};
