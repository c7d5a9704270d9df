// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';

export const TRIGGER_SOURCES = [
  'comment',
  'live_comment',
  'story_reply',
  'dm_keyword',
  'postback',
  'story_mention',
  'mention',
  'ref_url',
] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/** Sources whose event carries no text: their keyword settings are ignored. */
export const TEXTLESS_SOURCES: readonly TriggerSource[] = ['postback', 'story_mention', 'ref_url'];

/** What Meta lets a ig.me `ref` parameter hold (letters, digits and `+/=-.:_`, up to 250 characters). */
export const REF_PATTERN = /^[A-Za-z0-9+/=\-.:_]{1,250}$/;

/** `next` = the next post published after the flow goes live (the server binds its media id). */
export const POST_SCOPES = ['specific', 'any', 'next'] as const;
export type PostScope = (typeof POST_SCOPES)[number];

export const STORY_SCOPES = ['specific', 'any'] as const;
export type StoryScope = (typeof STORY_SCOPES)[number];

/** `every` = every comment/message, no keyword needed. */
export const KEYWORD_MATCHES = ['any', 'all', 'exact', 'every'] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

/** What one trigger listens to: where (source, post, story) and which words. */
export class TriggerCondition {
  @IsIn(TRIGGER_SOURCES)
  source: TriggerSource;

  @ValidateIf((config: TriggerCondition) => config.source === 'comment')
  @IsIn(POST_SCOPES)
  postScope: PostScope;

  @ValidateIf((config: TriggerCondition) => config.source === 'comment' && config.postScope === 'specific')
  @IsString()
  @MinLength(1, { message: 'choose the post this trigger listens to' })
  mediaId?: string;

  @ValidateIf((config: TriggerCondition) => config.source === 'story_reply')
  @IsIn(STORY_SCOPES)
  storyScope: StoryScope;

  @ValidateIf((config: TriggerCondition) => config.source === 'story_reply' && config.storyScope === 'specific')
  @IsString()
  @MinLength(1, { message: 'choose the story this trigger listens to' })
  storyId?: string;

  @IsIn(KEYWORD_MATCHES)
  keywordMatch: KeywordMatch;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  keywords: string[];

  @ValidateIf((config: TriggerCondition) => config.source === 'postback')
  @IsString()
  @MinLength(1, { message: 'set the postback payload this trigger answers' })
  @MaxLength(INSTAGRAM_LIMITS.payloadChars)
  payload?: string;

  /** For `ref_url`: the `ref` of the ig.me link (`ig.me/m/<username>?ref=<ref>`) that starts the flow. */
  @ValidateIf((config: TriggerCondition) => config.source === 'ref_url')
  @IsString()
  @Matches(REF_PATTERN, { message: 'the link ref is 1 to 250 letters, digits or + / = - . : _' })
  ref?: string;
}

export class TriggerConfig extends TriggerCondition {
  /** Public reply posted under the triggering comment; `{{contact.username}}` allowed. */
  @IsOptional()
  @IsString()
  @MaxLength(INSTAGRAM_LIMITS.commentTextChars)
  publicReply?: string;

  /** More public replies; each comment gets one of `publicReply` and these, so replies don't all read the same. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(INSTAGRAM_LIMITS.commentTextChars, { each: true })
  publicReplyVariants?: string[];

  @IsBoolean()
  oncePerUser: boolean;

  /** More triggers for the same flow (another post, a DM keyword…): any one of them starts it; "next post" only in the first. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TriggerCondition)
  moreTriggers?: TriggerCondition[];
}
