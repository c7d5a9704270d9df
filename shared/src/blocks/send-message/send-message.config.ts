// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import { characterCount } from '../../instagram/utf8-text';
import { IsMessageText } from '../../instagram/is-message-text';
import { ButtonConfig, CardConfig, QuickReplyConfig } from './message-parts';

export const MESSAGE_KINDS = ['text', 'image', 'video', 'audio', 'buttons', 'carousel'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export class SendMessageConfig {
  @IsIn(MESSAGE_KINDS)
  kind: MessageKind;

  @ValidateIf((config: SendMessageConfig) => config.kind === 'text' || config.kind === 'buttons')
  @IsString()
  @MinLength(1, { message: 'the message text is empty' })
  @IsMessageText()
  text: string;

  @ValidateIf((config: SendMessageConfig) => config.kind === 'image' || config.kind === 'video' || config.kind === 'audio')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'mediaUrl must be an http(s) URL' })
  mediaUrl?: string;

  @ValidateIf((config: SendMessageConfig) => config.kind === 'buttons')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INSTAGRAM_LIMITS.buttons)
  @ValidateNested({ each: true })
  @Type(() => ButtonConfig)
  buttons: ButtonConfig[];

  @ValidateIf((config: SendMessageConfig) => config.kind === 'carousel')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INSTAGRAM_LIMITS.genericElements)
  @ValidateNested({ each: true })
  @Type(() => CardConfig)
  cards: CardConfig[];

  @IsArray()
  @ArrayMaxSize(INSTAGRAM_LIMITS.quickReplies)
  @ValidateNested({ each: true })
  @Type(() => QuickReplyConfig)
  quickReplies: QuickReplyConfig[];

  /** Wait for a tap, and give each postback button and quick reply its own exit. */
  @IsOptional()
  @IsBoolean()
  branchOnReply?: boolean;
}

/** Button templates allow less text than plain messages. */
export function checkSendMessage(config: SendMessageConfig): string[] {
  const problems: string[] = [];
  if (config.kind === 'buttons' && config.text && characterCount(config.text) > INSTAGRAM_LIMITS.buttonTemplateTextChars) {
    problems.push(`text: a button message holds at most ${INSTAGRAM_LIMITS.buttonTemplateTextChars} characters`);
  }
  if ((config.kind === 'buttons' || config.kind === 'carousel') && config.quickReplies.length > 0) {
    problems.push('quickReplies: Instagram shows quick replies only on text and media messages');
  }
  return problems;
}
