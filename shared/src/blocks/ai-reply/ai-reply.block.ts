// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { templateValues } from '../../kernel/run-context';
import { renderTemplate } from '../../text/template';
import type { BlockDefinition } from '../../kernel/block-definition';
import { VARIABLE_NAME } from '../../kernel/variable-name';

import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import { truncateUtf8 } from '../../instagram/utf8-text';
import { IsMessageText } from '../../instagram/is-message-text';
import { AI_PROVIDERS } from './ai-provider';

export class AiKnowledgeConfig {
  @IsArray()
  @IsString({ each: true })
  keywords: string[];

  @IsString()
  @MinLength(1)
  @IsMessageText()
  answer: string;
}

export class AiReplyConfig {
  @IsIn(Object.keys(AI_PROVIDERS))
  provider: string;

  @IsString()
  @MaxLength(4000)
  instructions: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AiKnowledgeConfig)
  knowledge: AiKnowledgeConfig[];

  @IsString()
  @MinLength(1)
  @IsMessageText()
  fallback: string;

  /** Also keep the reply in a variable. */
  @IsOptional()
  @Matches(VARIABLE_NAME)
  saveAs?: string;
}

export const aiReplyBlock: BlockDefinition<AiReplyConfig> = {
  type: 'ai_reply',
  label: 'AI reply',
  description: "Replies to the contact's last message through an AI provider (a deterministic local provider by default).",
  icon: 'sparkles',
  category: 'messaging',
  configClass: AiReplyConfig,
  defaults: () =>
    Object.assign(new AiReplyConfig(), {
      provider: 'local',
      instructions: 'Answer briefly and kindly.',
      knowledge: [{ keywords: ['price', 'cost'], answer: 'Prices start at $10.' }],
      fallback: 'Thanks for your message! We will get back to you soon.',
    }),
  fields: [
    {
      name: 'provider',
      label: 'Provider',
      kind: 'select',
      options: Object.values(AI_PROVIDERS).map((provider) => ({ value: provider.id, label: provider.label })),
    },
    { name: 'instructions', label: 'Instructions', kind: 'textarea', maxLength: 4000 },
    {
      name: 'knowledge',
      label: 'Knowledge',
      kind: 'list',
      newItem: () => ({ keywords: [], answer: '' }),
      itemFields: [
        { name: 'keywords', label: 'When the message mentions', kind: 'string-list', commaSeparated: true },
        { name: 'answer', label: 'Answer', kind: 'textarea', templated: true, maxLength: INSTAGRAM_LIMITS.textBytes },
      ],
    },
    { name: 'fallback', label: 'Otherwise', kind: 'textarea', templated: true, maxLength: INSTAGRAM_LIMITS.textBytes },
    { name: 'saveAs', label: 'Save reply to variable', kind: 'text' },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: true,
  enter: ({ config, context }) => {
    const provider = AI_PROVIDERS[config.provider];
    const reply = truncateUtf8(
      renderTemplate(
        provider.reply({
          instructions: config.instructions,
          message: context.lastMessage ?? '',
          knowledge: config.knowledge,
          fallback: config.fallback,
        }),
        templateValues(context),
      ),
      INSTAGRAM_LIMITS.textBytes,
    );
    return {
      next: 'next',
      variables: config.saveAs ? { [config.saveAs]: reply } : undefined,
      effects: [{ type: 'send_message', recipient: { id: context.contact.id }, message: { text: reply } }],
    };
  },
};
