// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import { IsMessageText } from '../../instagram/is-message-text';
import { QuickReplyConfig } from '../send-message/message-parts';
import { VARIABLE_NAME } from '../../kernel/variable-name';
import { answerPatternProblem } from './answer-pattern';

export const QUESTION_TYPES = ['text', 'email', 'phone', 'number', 'address', 'choice', 'date', 'url', 'file', 'image'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Answers that come as a file attached to the DM (its URL is saved); a typed reply re-asks. */
export const ATTACHMENT_TYPES = ['file', 'image'] as const satisfies readonly QuestionType[];

/** The answer types an AI model may extract a value for: the others take any text, or a tap. */
export const AI_EXTRACTABLE_TYPES = ['email', 'phone', 'number', 'address'] as const satisfies readonly QuestionType[];

export const MAX_TIMEOUT_SECONDS = 30 * 24 * 3600;

/** A choice is shown as a quick reply, plus an id that names its port. */
export class ChoiceConfig extends QuickReplyConfig {
  /** Stable port id suffix: the edge handle is `choice:<id>`. */
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  id: string;
}

export class QuestionConfig {
  @IsIn(QUESTION_TYPES)
  questionType: QuestionType;

  @IsString()
  @MinLength(1, { message: 'the question text is empty' })
  @IsMessageText()
  text: string;

  @Matches(VARIABLE_NAME, { message: 'variable must start with a letter or _ and hold only letters, digits and _' })
  variable: string;

  @ValidateIf((config: QuestionConfig) => config.questionType === 'choice')
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(INSTAGRAM_LIMITS.quickReplies)
  @ValidateNested({ each: true })
  @Type(() => ChoiceConfig)
  choices: ChoiceConfig[];

  @IsString()
  @MinLength(1)
  @IsMessageText()
  invalidMessage: string;

  @IsInt()
  @Min(1)
  @Max(10)
  maxAttempts: number;

  @IsBoolean()
  allowSkip: boolean;

  @ValidateIf((config: QuestionConfig) => config.allowSkip)
  @IsString()
  @MinLength(1)
  @MaxLength(INSTAGRAM_LIMITS.quickReplyTitleChars)
  skipLabel: string;

  /** 0 = wait for ever. */
  @IsInt()
  @Min(0)
  @Max(MAX_TIMEOUT_SECONDS)
  timeoutSeconds: number;

  @IsOptional()
  @IsNumber()
  minValue?: number;

  @IsOptional()
  @IsNumber()
  maxValue?: number;

  /**
   * Let the workspace's AI model pull the typed value out of a free answer the type's check refuses
   * ("my mail is jane at example dot com"); what it extracts is checked again. Not for text or choice answers.
   */
  @IsOptional()
  @IsBoolean()
  aiExtract?: boolean;

  /** Extra rule for text answers: a regular expression the answer must match. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  pattern?: string;
}

export function checkQuestion(config: QuestionConfig): string[] {
  const problems: string[] = [];
  const patternProblem = config.pattern ? answerPatternProblem(config.pattern) : undefined;
  if (patternProblem) problems.push(`pattern: ${patternProblem}`);
  if (config.minValue !== undefined && config.maxValue !== undefined && config.minValue > config.maxValue) {
    problems.push('minValue: is greater than maxValue');
  }
  if (config.questionType === 'choice') {
    const ids = config.choices.map((choice) => choice.id);
    if (new Set(ids).size !== ids.length) problems.push('choices: two choices share an id');
    if (config.choices.length + (config.allowSkip ? 1 : 0) > INSTAGRAM_LIMITS.quickReplies) {
      problems.push(`choices: with the skip button, at most ${INSTAGRAM_LIMITS.quickReplies} quick replies fit`);
    }
  }
  return problems;
}
