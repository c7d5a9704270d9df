// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import type { FieldDescriptor } from '../../kernel/block-definition';

// Instagram's limits (reference/meta-instagram-api.md §2.1–2.2).
export const MAX_TEXT_LENGTH = 1000;
export const MAX_BUTTON_TEXT_LENGTH = 640;
export const MAX_BUTTONS = 3;
export const MAX_CARDS = 10;
export const MAX_CARD_TITLE_LENGTH = 80;
export const MAX_QUICK_REPLIES = 13;
export const MAX_QUICK_REPLY_TITLE_LENGTH = 20;
export const MAX_PAYLOAD_LENGTH = 1000;

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ButtonConfig {
  @IsIn(['web_url', 'postback'])
  type: 'web_url' | 'postback';

  @IsString()
  @MinLength(1)
  @MaxLength(MAX_QUICK_REPLY_TITLE_LENGTH)
  title: string;

  @ValidateIf((button: ButtonConfig) => button.type === 'web_url')
  @IsUrl(URL_OPTIONS)
  url?: string;

  @ValidateIf((button: ButtonConfig) => button.type === 'postback')
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PAYLOAD_LENGTH)
  payload?: string;
}

export class CardConfig {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CARD_TITLE_LENGTH)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_CARD_TITLE_LENGTH)
  subtitle?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  imageUrl?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  url?: string;

  @IsArray()
  @ArrayMaxSize(MAX_BUTTONS)
  @ValidateNested({ each: true })
  @Type(() => ButtonConfig)
  buttons: ButtonConfig[];
}

export class QuickReplyConfig {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_QUICK_REPLY_TITLE_LENGTH)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_PAYLOAD_LENGTH)
  payload?: string;
}

export const BUTTON_FIELDS: FieldDescriptor[] = [
  { name: 'type', label: 'Action', kind: 'select', options: [{ value: 'web_url', label: 'Open a link' }, { value: 'postback', label: 'Send a postback' }] },
  { name: 'title', label: 'Title', kind: 'text', maxLength: MAX_QUICK_REPLY_TITLE_LENGTH },
  { name: 'url', label: 'URL', kind: 'text', visibleWhen: { field: 'type', equals: ['web_url'] } },
  { name: 'payload', label: 'Payload', kind: 'text', maxLength: MAX_PAYLOAD_LENGTH, visibleWhen: { field: 'type', equals: ['postback'] } },
];

export const newButton = (): Record<string, unknown> => ({ type: 'web_url', title: 'Open', url: 'https://' });

export const QUICK_REPLY_FIELDS: FieldDescriptor[] = [
  { name: 'title', label: 'Title', kind: 'text', maxLength: MAX_QUICK_REPLY_TITLE_LENGTH },
  { name: 'payload', label: 'Payload (defaults to the title)', kind: 'text', maxLength: MAX_PAYLOAD_LENGTH },
];
