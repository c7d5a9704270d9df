// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import type { FieldDescriptor } from '../../kernel/block-definition';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ButtonConfig {
  @IsIn(['web_url', 'postback'])
  type: 'web_url' | 'postback';

  @IsString()
  @MinLength(1)
  @MaxLength(INSTAGRAM_LIMITS.buttonTitleChars)
  title: string;

  @ValidateIf((button: ButtonConfig) => button.type === 'web_url')
  @IsUrl(URL_OPTIONS)
  url?: string;

  @ValidateIf((button: ButtonConfig) => button.type === 'postback')
  @IsString()
  @MinLength(1)
  @MaxLength(INSTAGRAM_LIMITS.payloadChars)
  payload?: string;
}

export class CardConfig {
  @IsString()
  @MinLength(1)
  @MaxLength(INSTAGRAM_LIMITS.genericTitleChars)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(INSTAGRAM_LIMITS.genericTitleChars)
  subtitle?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  imageUrl?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  url?: string;

  @IsArray()
  @ArrayMaxSize(INSTAGRAM_LIMITS.buttons)
  @ValidateNested({ each: true })
  @Type(() => ButtonConfig)
  buttons: ButtonConfig[];
}

export class QuickReplyConfig {
  @IsString()
  @MinLength(1)
  @MaxLength(INSTAGRAM_LIMITS.quickReplyTitleChars)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(INSTAGRAM_LIMITS.payloadChars)
  payload?: string;
}

export const BUTTON_FIELDS: FieldDescriptor[] = [
  {
    name: 'type',
    label: 'Action',
    kind: 'select',
    options: [
      { value: 'web_url', label: 'Open a link' },
      { value: 'postback', label: 'Send a postback' },
    ],
  },
  { name: 'title', label: 'Title', kind: 'text', maxLength: INSTAGRAM_LIMITS.buttonTitleChars },
  { name: 'url', label: 'URL', kind: 'text', visibleWhen: { field: 'type', equals: ['web_url'] } },
  {
    name: 'payload',
    label: 'Value sent back when tapped',
    kind: 'text',
    maxLength: INSTAGRAM_LIMITS.payloadChars,
    visibleWhen: { field: 'type', equals: ['postback'] },
  },
];

export const newButton = (): Record<string, unknown> => ({ type: 'web_url', title: 'Open', url: 'https://' });

export const QUICK_REPLY_FIELDS: FieldDescriptor[] = [
  { name: 'title', label: 'Title', kind: 'text', maxLength: INSTAGRAM_LIMITS.quickReplyTitleChars },
  {
    name: 'payload',
    label: 'Value saved when tapped (optional)',
    kind: 'text',
    placeholder: 'The title',
    maxLength: INSTAGRAM_LIMITS.payloadChars,
  },
];
