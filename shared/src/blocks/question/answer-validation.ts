import type { MessageAttachment } from '../../instagram/inbound-event';
import { DEFAULT_RUN_ACCOUNT, type RunAccount, type VariableValue } from '../../kernel/run-context';
import { assertNever } from '../../util/assert-never';
import { normalizeText } from '../../util/normalize-text';
import { answerMatches } from './answer-pattern';
import { parseDateAnswer } from './date-answer';
import { normalizeUrlAnswer } from './url-answer';
import type { ChoiceConfig, QuestionConfig } from './question.config';

export type AnswerCheck = { valid: true; value: VariableValue; choice?: ChoiceConfig } | { valid: false };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?\d{7,15}$/;

export function choicePayload(choice: ChoiceConfig): string {
  return choice.payload || `choice:${choice.id}`;
}

function matchChoice(choices: ChoiceConfig[], text: string, payload: string | undefined): ChoiceConfig | undefined {
  if (payload) {
    const byPayload = choices.find((choice) => choicePayload(choice) === payload);
    if (byPayload) return byPayload;
  }
  const normalized = normalizeText(text);
  const byTitle = choices.find((choice) => normalizeText(choice.title) === normalized);
  if (byTitle) return byTitle;
  // "2" picks the second choice, as people answer numbered lists.
  const index = /^\d{1,2}$/.test(normalized) ? Number(normalized) - 1 : -1;
  return choices[index];
}

/** What an answer is read against besides its text: the files sent with it, and the account's locale and clock. */
export interface AnswerSituation {
  attachments?: readonly MessageAttachment[];
  account?: RunAccount;
  /** ISO-8601 instant of the answer ("tomorrow" counts from it); defaults to the real clock. */
  now?: string;
}

/** Instagram's attachment types that are pictures; a `file` question takes any attachment. */
const IMAGE_ATTACHMENTS = new Set(['image']);

function attachmentUrl(attachments: readonly MessageAttachment[], imagesOnly: boolean): string | undefined {
  return attachments.find((attachment) => !imagesOnly || IMAGE_ATTACHMENTS.has(attachment.type))?.url;
}

/** Validates a person's answer by question type; the returned value is what the variable stores. */
export function checkAnswer(
  config: QuestionConfig,
  text: string,
  quickReplyPayload?: string,
  situation: AnswerSituation = {},
): AnswerCheck {
  const answer = text.trim();
  switch (config.questionType) {
    case 'text': {
      if (!answer) return { valid: false };
      if (config.pattern && !answerMatches(config.pattern, answer)) return { valid: false };
      return { valid: true, value: answer };
    }
    case 'email':
      return EMAIL.test(answer) ? { valid: true, value: answer.toLowerCase() } : { valid: false };
    case 'phone': {
      const compact = answer.replace(/[\s().-]/g, '');
      return PHONE.test(compact) ? { valid: true, value: compact } : { valid: false };
    }
    case 'number': {
      const compact = answer.replace(/\s/g, '').replace(',', '.');
      const value = /^[-+]?\d+(\.\d+)?$/.test(compact) ? Number(compact) : NaN;
      if (!Number.isFinite(value)) return { valid: false };
      if (config.minValue !== undefined && value < config.minValue) return { valid: false };
      if (config.maxValue !== undefined && value > config.maxValue) return { valid: false };
      return { valid: true, value };
    }
    case 'address':
      // An address has at least two words and a letter; anything stricter rejects real addresses somewhere.
      return answer.length >= 5 && /\p{L}/u.test(answer) && /\s/.test(answer) ? { valid: true, value: answer } : { valid: false };
    case 'choice': {
      const choice = matchChoice(config.choices, answer, quickReplyPayload);
      return choice ? { valid: true, value: choice.title, choice } : { valid: false };
    }
    case 'date': {
      const { locale, timeZone } = situation.account ?? DEFAULT_RUN_ACCOUNT;
      const value = parseDateAnswer(answer, { locale, timeZone, now: situation.now ?? new Date().toISOString() });
      return value ? { valid: true, value } : { valid: false };
    }
    case 'url': {
      const value = normalizeUrlAnswer(answer);
      return value ? { valid: true, value } : { valid: false };
    }
    case 'file':
    case 'image': {
      const value = attachmentUrl(situation.attachments ?? [], config.questionType === 'image');
      return value ? { valid: true, value } : { valid: false };
    }
    default:
      return assertNever(config.questionType, 'question type');
  }
}
