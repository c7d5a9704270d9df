import type { EffectDraft } from '../../kernel/effects';
import type { OutgoingMessage, QuickReply } from '../../instagram/outgoing-message';
import { runAccount, templateValues, type RunContext } from '../../kernel/run-context';
import { questionAnsweredPayload } from '../../kernel/webhook-payloads';
import { renderTemplate } from '../../text/template';
import { normalizeText } from '../../util/normalize-text';
import type { BlockDefinition, PortDefinition, StepResult } from '../../kernel/block-definition';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import { truncateUtf8 } from '../../instagram/utf8-text';

import { checkAnswer, choicePayload } from './answer-validation';
import {
  AI_EXTRACTABLE_TYPES,
  ATTACHMENT_TYPES,
  checkQuestion,
  MAX_TIMEOUT_SECONDS,
  QUESTION_TYPES,
  QuestionConfig,
} from './question.config';
import { aiEventFor } from '../../ai/ai-event';
import type { AnswerCheck } from './answer-validation';

export const SKIP_PAYLOAD = 'dmflow:skip';

const QUESTION_TYPE_LABELS: Record<(typeof QUESTION_TYPES)[number], string> = {
  text: 'Text',
  email: 'Email',
  phone: 'Phone',
  number: 'Number',
  address: 'Address',
  choice: 'Multiple choice',
  date: 'Date (in the account’s locale)',
  url: 'Web address (URL)',
  file: 'File (sent in the DM)',
  image: 'Image (sent in the DM)',
};

function quickReplies(config: QuestionConfig): QuickReply[] {
  const replies: QuickReply[] =
    config.questionType === 'choice'
      ? config.choices.map((choice) => ({ content_type: 'text', title: choice.title, payload: choicePayload(choice) }))
      : [];
  if (config.allowSkip) replies.push({ content_type: 'text', title: config.skipLabel, payload: SKIP_PAYLOAD });
  return replies;
}

function ask(config: QuestionConfig, context: RunContext, text: string): EffectDraft {
  const replies = quickReplies(config);
  const message: OutgoingMessage = replies.length
    ? { text: renderTemplate(text, templateValues(context)), quick_replies: replies }
    : { text: renderTemplate(text, templateValues(context)) };
  return { type: 'send_message', recipient: { id: context.contact.id }, message };
}

function answered(
  config: QuestionConfig,
  context: RunContext,
  attempt: number,
  response: string | null,
  value: string | number | null,
  port: string,
): StepResult {
  const skipped = response === null;
  const payload = questionAnsweredPayload(context, {
    question: renderTemplate(config.text, templateValues(context)),
    questionType: config.questionType,
    variable: config.variable,
    response,
    skipped,
    attempt,
  });
  return {
    next: port,
    variables: { [config.variable]: value },
    node: { attempts: attempt },
    effects: [{ type: 'emit_event', event: { name: 'question_answered', payload } }],
  };
}

export const questionBlock: BlockDefinition<QuestionConfig> = {
  type: 'question',
  label: 'Question',
  description: 'Asks a question, validates the answer by type and saves it to a variable; re-asks, skip and timeout included.',
  icon: 'help-circle',
  category: 'input',
  configClass: QuestionConfig,
  defaults: () =>
    Object.assign(new QuestionConfig(), {
      questionType: 'text',
      text: 'What is your name?',
      variable: 'answer',
      choices: [],
      invalidMessage: "Sorry, I didn't get that. Please try again.",
      maxAttempts: 3,
      allowSkip: false,
      skipLabel: 'Skip',
      timeoutSeconds: 0,
      aiExtract: false,
    } satisfies Partial<QuestionConfig>),
  fields: [
    {
      name: 'questionType',
      label: 'Answer type',
      kind: 'select',
      options: QUESTION_TYPES.map((value) => ({
        value,
        label: QUESTION_TYPE_LABELS[value],
      })),
    },
    {
      name: 'text',
      label: 'Question',
      kind: 'textarea',
      templated: true,
      placeholder: 'e.g. What’s your email? I’ll send the guide there.',
      maxLength: INSTAGRAM_LIMITS.textBytes,
    },
    { name: 'variable', label: 'Save answer to variable', kind: 'text', help: 'Letters, digits and _; unique in the flow.' },
    {
      name: 'choices',
      label: 'Choices',
      kind: 'list',
      maxItems: INSTAGRAM_LIMITS.quickReplies,
      itemFields: [
        { name: 'id', label: 'Id', kind: 'text' },
        { name: 'title', label: 'Title', kind: 'text', maxLength: 20 },
        { name: 'payload', label: 'Value saved instead of the title (optional)', kind: 'text' },
      ],
      newItem: () => ({ id: `c${Date.now().toString(36)}`, title: 'Option' }),
      visibleWhen: { field: 'questionType', equals: ['choice'] },
    },
    {
      name: 'pattern',
      label: 'Only accept answers like (advanced pattern, optional)',
      kind: 'text',
      placeholder: 'e.g. ^[A-Z]{2}[0-9]{4}$ for an order number',
      help: 'Leave empty to accept any text. A pattern in RE2 syntax, matched anywhere in the answer (start with ^ and end with $ to match all of it).',
      visibleWhen: { field: 'questionType', equals: ['text'] },
    },
    { name: 'minValue', label: 'Minimum', kind: 'number', visibleWhen: { field: 'questionType', equals: ['number'] } },
    { name: 'maxValue', label: 'Maximum', kind: 'number', visibleWhen: { field: 'questionType', equals: ['number'] } },
    {
      name: 'invalidMessage',
      label: 'When the answer is invalid',
      kind: 'textarea',
      templated: true,
      maxLength: INSTAGRAM_LIMITS.textBytes,
    },
    {
      name: 'aiExtract',
      label: 'Let AI find the answer in a free reply',
      kind: 'boolean',
      help: 'e.g. "my mail is jane at example dot com" gives jane@example.com; the value is still checked.',
      visibleWhen: { field: 'questionType', equals: AI_EXTRACTABLE_TYPES },
    },
    { name: 'maxAttempts', label: 'Attempts', kind: 'number', min: 1, max: 10 },
    { name: 'allowSkip', label: 'Allow skipping', kind: 'boolean' },
    { name: 'skipLabel', label: 'Skip button', kind: 'text', maxLength: 20, visibleWhen: { field: 'allowSkip', equals: [true] } },
    {
      name: 'timeoutSeconds',
      label: 'Stop waiting for an answer after',
      kind: 'number',
      durationInSeconds: true,
      help: '0 waits for as long as it takes.',
      min: 0,
      max: MAX_TIMEOUT_SECONDS,
    },
  ],
  ports: (config) => {
    const ports: PortDefinition[] =
      config.questionType === 'choice'
        ? config.choices.map((choice) => ({ id: `choice:${choice.id}`, label: choice.title, answer: 'answered' }))
        : [{ id: 'answered', label: 'Answered', answer: 'answered' }];
    if (config.allowSkip) ports.push({ id: 'skipped', label: 'Skipped', answer: 'skipped' });
    ports.push({ id: 'invalid', label: 'No valid answer', answer: 'invalid' });
    if (config.timeoutSeconds > 0) ports.push({ id: 'timeout', label: 'No answer in time', answer: 'timed_out' });
    return ports;
  },
  sendsMessage: true,
  messagingWindow: {
    // Any port but timeout means the contact wrote to us.
    silenceAfter: (config, port, entryMs) => (port === 'timeout' ? entryMs + config.timeoutSeconds * 1000 : 0),
    answeredBy: (port) => port !== 'timeout',
    invitesAnswer: () => true,
  },
  parksRun: true,
  awaitsContactInput: () => true,
  check: checkQuestion,
  enter: ({ config, context }) => {
    const effects: EffectDraft[] = [ask(config, context, config.text)];
    if (config.timeoutSeconds > 0)
      effects.push({ type: 'schedule_timer', purpose: 'question_timeout', delayMs: config.timeoutSeconds * 1000 });
    return { effects, node: { attempts: 0 } };
  },
  onEvent: ({ config, context, event }) => {
    const aiOutcome = aiEventFor(event, context);
    if (aiOutcome) return extracted(config, context, aiOutcome);
    if (event.type === 'timer.fired') return event.timerId === context.node.timerId ? { next: 'timeout' } : {};
    if (event.type !== 'contact.message' && event.type !== 'contact.postback') return {};
    const attempt = context.node.attempts + 1;
    const text = event.type === 'contact.message' ? event.text : (event.title ?? event.payload);
    const payload = event.type === 'contact.message' ? event.quickReplyPayload : event.payload;
    if (config.allowSkip && (payload === SKIP_PAYLOAD || normalizeText(text) === normalizeText(config.skipLabel))) {
      return answered(config, context, attempt, null, null, 'skipped');
    }
    const check = checkAnswer(config, text, payload, {
      attachments: event.type === 'contact.message' ? event.attachments : undefined,
      account: runAccount(context),
      now: event.at,
    });
    if (!check.valid && config.aiExtract && (AI_EXTRACTABLE_TYPES as readonly string[]).includes(config.questionType)) {
      const question = renderTemplate(config.text, templateValues(context));
      return {
        node: { attempts: attempt },
        effects: [{ type: 'ai_complete', task: { kind: 'extract', message: text, question, valueType: config.questionType } }],
      };
    }
    return judge(config, context, attempt, text, check);
  },
};

/** Takes a checked answer: the answered port, or the question again, or `invalid` after the last attempt. */
function judge(config: QuestionConfig, context: RunContext, attempt: number, text: string, check: AnswerCheck): StepResult {
  if (check.valid) {
    const port = check.choice ? `choice:${check.choice.id}` : 'answered';
    // A file or picture comes without text: its URL is the response.
    const sentFile = (ATTACHMENT_TYPES as readonly string[]).includes(config.questionType);
    return answered(
      config,
      context,
      attempt,
      sentFile ? String(check.value) : text.trim(),
      check.value === null || typeof check.value === 'boolean' ? String(check.value) : check.value,
      port,
    );
  }
  if (attempt >= config.maxAttempts) return { next: 'invalid', node: { attempts: attempt } };
  return {
    node: { attempts: attempt },
    effects: [ask(config, context, truncateUtf8(`${config.invalidMessage}\n\n${config.text}`, INSTAGRAM_LIMITS.textBytes))],
  };
}

/** The model's extraction from a free answer, checked by the type's own rule like a typed answer. */
function extracted(config: QuestionConfig, context: RunContext, event: NonNullable<ReturnType<typeof aiEventFor>>): StepResult {
  const attempt = context.node.attempts;
  const text = context.lastMessage ?? '';
  const value = event.type === 'ai.answered' && event.answer.kind === 'extract' ? event.answer.value : null;
  const check: AnswerCheck =
    value === null ? { valid: false } : checkAnswer(config, value, undefined, { account: runAccount(context), now: event.at });
  return judge(config, context, attempt, text, check);
}
