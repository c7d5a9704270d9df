import { AT, enter, message, onEvent, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { checkAnswer } from './answer-validation';
import { questionBlock, SKIP_PAYLOAD } from './question.block';
import type { QuestionConfig } from './question.config';
import type { RunEvent } from '../../kernel/run-events';

const choices = [
  { id: 'small', title: 'Small' },
  { id: 'large', title: 'Large', payload: 'SIZE_L' },
];
const config = (overrides: Partial<QuestionConfig>): QuestionConfig => Object.assign(questionBlock.defaults(), overrides);

describe('question block', () => {
  it.each<[QuestionConfig['questionType'], string, unknown]>([
    ['text', '  Ann  ', 'Ann'],
    ['text', '   ', undefined],
    ['email', 'Ann@Example.COM', 'ann@example.com'],
    ['email', 'ann@example', undefined],
    ['email', 'not an email', undefined],
    ['phone', '+91 98765-43210', '+919876543210'],
    ['phone', '(555) 123 4567', '5551234567'],
    ['phone', '12345', undefined],
    ['number', '42', 42],
    ['number', '3,5', 3.5],
    ['number', 'forty', undefined],
    ['address', '123 Main St', '123 Main St'],
    ['address', 'home', undefined],
    ['choice', 'large', 'Large'],
    ['choice', 'LÁRGE', 'Large'],
    ['choice', '1', 'Small'],
    ['choice', 'medium', undefined],
  ])('%s answer %j → %j', (questionType, text, expected) => {
    const check = checkAnswer(config({ questionType, choices }), text);
    expect(check.valid ? check.value : undefined).toEqual(expected);
  });

  it('reads a date answer in the account’s locale and saves an ISO date', () => {
    const date = config({ questionType: 'date' });
    const inGb = { account: { timeZone: 'Europe/London', locale: 'en-GB' }, now: AT };
    expect(checkAnswer(date, '12/03/2026', undefined, inGb)).toEqual({ valid: true, value: '2026-03-12' });
    expect(checkAnswer(date, '12/03/2026', undefined, { now: AT })).toEqual({ valid: true, value: '2026-12-03' });
    expect(checkAnswer(date, 'tomorrow', undefined, inGb)).toEqual({ valid: true, value: '2026-04-30' });
    expect(checkAnswer(date, 'someday', undefined, inGb).valid).toBe(false);
  });

  it('saves a URL answer normalised, http and https only', () => {
    expect(checkAnswer(config({ questionType: 'url' }), 'Example.com/Shop')).toEqual({ valid: true, value: 'https://example.com/Shop' });
    expect(checkAnswer(config({ questionType: 'url' }), 'ftp://example.com').valid).toBe(false);
  });

  it('takes a file or image from the attachments, not from the text', () => {
    const image = { type: 'image', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' };
    const audio = { type: 'audio', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' };
    expect(checkAnswer(config({ questionType: 'image' }), '', undefined, { attachments: [audio, image] })).toEqual({
      valid: true,
      value: image.url,
    });
    expect(checkAnswer(config({ questionType: 'image' }), '', undefined, { attachments: [audio] }).valid).toBe(false);
    expect(checkAnswer(config({ questionType: 'file' }), '', undefined, { attachments: [audio] })).toEqual({
      valid: true,
      value: audio.url,
    });
    expect(checkAnswer(config({ questionType: 'file' }), 'https://example.com/cv.pdf').valid).toBe(false);
  });

  it('saves the image a DM carries, and re-asks when the reply is text', () => {
    const url = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=7';
    const settings = { questionType: 'image' as const, variable: 'photo', text: 'Send a photo', invalidMessage: 'A photo, please.' };
    const withImage: RunEvent = { type: 'contact.message', text: '', attachments: [{ type: 'image', url }], at: AT };
    expect(onEvent(questionBlock, settings, withImage)).toMatchObject({
      next: 'answered',
      variables: { photo: url },
      effects: [{ event: { payload: { user_response: url, question_type: 'image' } } }],
    });
    expect(onEvent(questionBlock, settings, message('here it is'))).toEqual({
      node: { attempts: 1 },
      effects: [{ type: 'send_message', recipient: { id: '2358708294634624' }, message: { text: 'A photo, please.\n\nSend a photo' } }],
    });
  });

  it('reads a date answer with the run’s account locale', () => {
    const gb = runContext({}, { account: { timeZone: 'Europe/London', locale: 'en-GB' } });
    expect(onEvent(questionBlock, { questionType: 'date', variable: 'day' }, message('12/03/2026'), gb)).toMatchObject({
      variables: { day: '2026-03-12' },
    });
    expect(onEvent(questionBlock, { questionType: 'date', variable: 'day' }, message('12/03/2026'))).toMatchObject({
      variables: { day: '2026-12-03' },
    });
  });

  it('checks number bounds and text patterns', () => {
    expect(checkAnswer(config({ questionType: 'number', minValue: 18, maxValue: 99 }), '17').valid).toBe(false);
    expect(checkAnswer(config({ questionType: 'number', minValue: 18, maxValue: 99 }), '18').valid).toBe(true);
    expect(checkAnswer(config({ questionType: 'text', pattern: '^[A-Z]{3}$' }), 'ABC').valid).toBe(true);
    expect(checkAnswer(config({ questionType: 'text', pattern: '^[A-Z]{3}$' }), 'abcd').valid).toBe(false);
  });

  it('matches patterns in linear time: a catastrophic-backtracking pattern answers at once (security review H2)', () => {
    const nested = config({ questionType: 'text', pattern: '^(a+)+$' });
    expect(checkAnswer(nested, `${'a'.repeat(30)}!`).valid).toBe(false);
    expect(checkAnswer(nested, 'a'.repeat(30)).valid).toBe(true);
    expect(checkAnswer(config({ questionType: 'text', pattern: '^([a-zA-Z]+\\s?)+$' }), `${'Ann Lee '.repeat(6)}1`).valid).toBe(false);
  });

  it('accepts no answer for a pattern saved before RE2 that RE2 cannot run', () => {
    expect(checkAnswer(config({ questionType: 'text', pattern: '(a)\\1' }), 'aa').valid).toBe(false);
  });

  it('searches the answer for the pattern, in Unicode', () => {
    expect(checkAnswer(config({ questionType: 'text', pattern: 'code-\\d+' }), 'my code-42 please').valid).toBe(true);
    expect(checkAnswer(config({ questionType: 'text', pattern: '^\\p{L}+$' }), 'Zoë').valid).toBe(true);
    expect(checkAnswer(config({ questionType: 'text', pattern: '^.$' }), '😀').valid).toBe(true);
  });

  it('takes a choice by its quick-reply payload', () => {
    expect(checkAnswer(config({ questionType: 'choice', choices }), 'whatever', 'SIZE_L')).toEqual({
      valid: true,
      value: 'Large',
      choice: choices[1],
    });
    expect(checkAnswer(config({ questionType: 'choice', choices }), 'x', 'choice:small')).toMatchObject({ valid: true, value: 'Small' });
  });

  it.each<[string, Partial<QuestionConfig>, string[]]>([
    ['text', {}, ['answered', 'invalid']],
    ['with skip and timeout', { allowSkip: true, timeoutSeconds: 60 }, ['answered', 'skipped', 'invalid', 'timeout']],
    ['choice', { questionType: 'choice', choices }, ['choice:small', 'choice:large', 'invalid']],
  ])('ports of a %s question', (_name, overrides, ports) => {
    expect(questionBlock.ports(config(overrides)).map((port) => port.id)).toEqual(ports);
  });

  it('asks with the choices and a skip button as quick replies, and schedules the timeout', () => {
    expect(
      enter(questionBlock, { questionType: 'choice', text: 'Size?', choices, allowSkip: true, skipLabel: 'Skip', timeoutSeconds: 3600 }),
    ).toEqual({
      node: { attempts: 0 },
      effects: [
        {
          type: 'send_message',
          recipient: { id: '2358708294634624' },
          message: {
            text: 'Size?',
            quick_replies: [
              { content_type: 'text', title: 'Small', payload: 'choice:small' },
              { content_type: 'text', title: 'Large', payload: 'SIZE_L' },
              { content_type: 'text', title: 'Skip', payload: SKIP_PAYLOAD },
            ],
          },
        },
        { type: 'schedule_timer', purpose: 'question_timeout', delayMs: 3_600_000 },
      ],
    });
  });

  it('saves a valid answer and emits question_answered with attempt_no as a string', () => {
    const context = runContext({ now: AT, node: { nodeId: 'node1', attempts: 1 } });
    expect(
      onEvent(
        questionBlock,
        { questionType: 'email', variable: 'user_email', text: "What's your email?" },
        message('user@example.com'),
        context,
      ),
    ).toEqual({
      next: 'answered',
      variables: { user_email: 'user@example.com' },
      node: { attempts: 2 },
      effects: [
        {
          type: 'emit_event',
          event: {
            name: 'question_answered',
            payload: {
              flow_id: 'flow1',
              sender_id: '2358708294634624',
              sender_username: 'user123',
              question: "What's your email?",
              question_type: 'email',
              custom_variable_name: 'user_email',
              user_response: 'user@example.com',
              skip: false,
              attempt_no: '2',
              timestamp: '2026-04-29 17:11:59',
            },
          },
        },
      ],
    });
  });

  it('re-asks an invalid answer until the attempts run out', () => {
    const settings = { questionType: 'email' as const, maxAttempts: 2, invalidMessage: 'Invalid.', text: 'Email?' };
    const first = onEvent(questionBlock, settings, message('nope'), runContext({ node: { nodeId: 'node1', attempts: 0 } }));
    expect(first).toEqual({
      node: { attempts: 1 },
      effects: [{ type: 'send_message', recipient: { id: '2358708294634624' }, message: { text: 'Invalid.\n\nEmail?' } }],
    });
    expect(onEvent(questionBlock, settings, message('nope'), runContext({ node: { nodeId: 'node1', attempts: 1 } }))).toEqual({
      next: 'invalid',
      node: { attempts: 2 },
    });
  });

  it('skips by button or by typing the skip label, saving null', () => {
    const skipped = onEvent(questionBlock, { allowSkip: true, skipLabel: 'Skip', variable: 'name' }, message('Skip', SKIP_PAYLOAD));
    expect(skipped).toMatchObject({ next: 'skipped', variables: { name: null } });
    expect(skipped.effects?.[0]).toMatchObject({ event: { payload: { skip: true, user_response: null, attempt_no: '1' } } });
    expect(onEvent(questionBlock, { allowSkip: true, skipLabel: 'Skip' }, message('skip')).next).toBe('skipped');
    expect(onEvent(questionBlock, { allowSkip: false, skipLabel: 'Skip' }, message('skip')).next).toBe('answered');
  });

  it('times out on its own timer only', () => {
    const waiting = runContext({ node: { nodeId: 'node1', attempts: 0, timerId: 'run1:node1:3' } });
    expect(onEvent(questionBlock, { timeoutSeconds: 60 }, { type: 'timer.fired', timerId: 'run1:node1:3', at: AT }, waiting)).toEqual({
      next: 'timeout',
    });
    expect(onEvent(questionBlock, { timeoutSeconds: 60 }, { type: 'timer.fired', timerId: 'run1:node1:1', at: AT }, waiting)).toEqual({});
  });

  it.each<[string, Partial<QuestionConfig>, string]>([
    ['a bad variable name', { variable: '1st answer' }, 'variable'],
    ['0 attempts', { maxAttempts: 0 }, 'maxAttempts'],
    ['a choice question with one choice', { questionType: 'choice', choices: [choices[0]] }, 'choices'],
    ['two choices with one id', { questionType: 'choice', choices: [choices[0], { ...choices[1], id: 'small' }] }, 'choices'],
    ['an invalid pattern', { pattern: '([' }, 'pattern'],
    ['min above max', { questionType: 'number', minValue: 5, maxValue: 1 }, 'minValue'],
  ])('refuses %s', (_name, overrides, field) => {
    expect(validateConfig(questionBlock, { ...questionBlock.defaults(), ...overrides }).map((problem) => problem.field)).toContain(field);
  });

  it.each([
    ['a backreference', '(a)\\1', 'invalid escape sequence: `\\1`'],
    ['a lookahead', '^(?=.*\\d).+$', 'invalid or unsupported Perl syntax: `(?=`'],
    ['an unclosed group', '([', 'missing closing ]: `[`'],
  ])('refuses %s in a pattern, saying why, on the pattern field', (_name, pattern, reason) => {
    expect(validateConfig(questionBlock, { ...questionBlock.defaults(), questionType: 'text', pattern })).toEqual([
      {
        field: 'pattern',
        message: `not a regular expression this engine can run (RE2 syntax, without backreferences or lookaround): ${reason}`,
      },
    ]);
  });
});

describe('question block: AI extraction', () => {
  const email: Partial<QuestionConfig> = { questionType: 'email', text: 'Your email?', variable: 'email', aiExtract: true, maxAttempts: 2 };
  const extracting = (value: string | null, attempts = 1) =>
    onEvent(
      questionBlock,
      email,
      { type: 'ai.answered', effectKey: 'run1:3:0', answer: { kind: 'extract', value }, at: AT },
      runContext({ lastMessage: 'jane at example dot com', node: { nodeId: 'node1', attempts, pendingEffectKey: 'run1:3:0' } }),
    );

  it('a valid typed answer needs no model', () => {
    expect(onEvent(questionBlock, email, message('jane@example.com'))).toMatchObject({
      next: 'answered',
      variables: { email: 'jane@example.com' },
    });
  });

  it('asks the model to extract the value from a free answer the type refuses', () => {
    expect(onEvent(questionBlock, email, message('jane at example dot com'))).toEqual({
      node: { attempts: 1 },
      effects: [
        { type: 'ai_complete', task: { kind: 'extract', message: 'jane at example dot com', question: 'Your email?', valueType: 'email' } },
      ],
    });
  });

  it('checks what the model extracted with the type’s own rule', () => {
    expect(extracting('Jane@Example.com')).toMatchObject({ next: 'answered', variables: { email: 'jane@example.com' } });
    expect(extracting('not an email')).toMatchObject({ node: { attempts: 1 }, effects: [{ type: 'send_message' }] });
    expect(extracting(null, 2)).toEqual({ next: 'invalid', node: { attempts: 2 } });
  });

  it('never asks the model for text or choice answers', () => {
    expect(questionBlock.fields.find((field) => field.name === 'aiExtract')?.visibleWhen?.equals).toEqual([
      'email',
      'phone',
      'number',
      'address',
    ]);
  });
});
