// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';
import type { RunContext, VariableValue } from '../../kernel/run-context';
import { VARIABLE_NAME } from '../../kernel/variable-name';
import { INSTAGRAM_LIMITS } from '../../instagram/outgoing-message';
import { truncateUtf8 } from '../../instagram/utf8-text';
import { aiEventFor } from '../../ai/ai-event';

/** How many earlier messages an author may give the model: enough for a conversation, bounded in tokens. */
export const MAX_AI_HISTORY_MESSAGES = 20;

export class AiReplyConfig {
  @IsString()
  @MaxLength(4000)
  instructions: string;

  /** FAQ, prices, links: what the model may answer from. */
  @IsString()
  @MaxLength(20_000)
  knowledge: string;

  @IsInt()
  @Min(0)
  @Max(MAX_AI_HISTORY_MESSAGES)
  historyMessages: number;

  /** Variables (or contact fields) the model may read, e.g. `email`. */
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(VARIABLE_NAME, { each: true, message: 'each variable the model may read must be a variable name' })
  readVariables: string[];

  /** Characters; Instagram takes at most 1000 bytes of text. */
  @IsInt()
  @Min(1)
  @Max(INSTAGRAM_LIMITS.textBytes)
  maxLength: number;

  /** Also keep the reply in a variable. */
  @IsOptional()
  @Matches(VARIABLE_NAME)
  saveAs?: string;
}

function readableVariables(names: string[], context: RunContext): Record<string, VariableValue> {
  return Object.fromEntries(names.map((name) => [name, context.variables[name] ?? context.contact.fields[name] ?? null]));
}

export const aiReplyBlock: BlockDefinition<AiReplyConfig> = {
  type: 'ai_reply',
  label: 'AI reply',
  description:
    "Answers the person's last message with the workspace's AI model, from your instructions and knowledge; hands over when unsure.",
  icon: 'sparkles',
  category: 'messaging',
  configClass: AiReplyConfig,
  defaults: () =>
    Object.assign(new AiReplyConfig(), {
      instructions: 'Answer briefly and kindly, in the language of the message.',
      knowledge: 'price, cost: Prices start at $10.',
      historyMessages: 6,
      readVariables: [],
      maxLength: 640,
    }),
  fields: [
    { name: 'instructions', label: 'Instructions', kind: 'textarea', maxLength: 4000, placeholder: 'e.g. You are the shop assistant of…' },
    {
      name: 'knowledge',
      label: 'Knowledge (FAQ, prices, links)',
      kind: 'textarea',
      maxLength: 20_000,
      help: 'The model answers from this. Without a configured model, lines written "keyword, keyword: answer" are matched by keyword.',
    },
    { name: 'historyMessages', label: 'Earlier messages given as context', kind: 'number', min: 0, max: MAX_AI_HISTORY_MESSAGES },
    { name: 'readVariables', label: 'Variables the model may read', kind: 'string-list', commaSeparated: true, placeholder: 'email' },
    { name: 'maxLength', label: 'Longest reply (characters)', kind: 'number', min: 1, max: INSTAGRAM_LIMITS.textBytes },
    { name: 'saveAs', label: 'Save reply to variable', kind: 'text' },
  ],
  ports: () => [
    { id: 'replied', label: 'Replied' },
    { id: 'handover', label: 'Needs a human' },
    { id: 'error', label: 'Error' },
  ],
  sendsMessage: true,
  enter: ({ config, context }) => ({
    effects: [
      {
        type: 'ai_complete',
        task: {
          kind: 'reply',
          instructions: config.instructions,
          knowledge: config.knowledge,
          message: context.lastMessage ?? '',
          historyMessages: config.historyMessages,
          variables: readableVariables(config.readVariables, context),
          maxChars: config.maxLength,
        },
      },
    ],
  }),
  onEvent: ({ config, context, event }) => {
    const outcome = aiEventFor(event, context);
    if (!outcome) return {};
    if (outcome.type === 'ai.failed' || outcome.answer.kind !== 'reply') return { next: 'error' };
    if (outcome.answer.handover) return { next: 'handover' };
    const reply = truncateUtf8(outcome.answer.text, INSTAGRAM_LIMITS.textBytes);
    return {
      next: 'replied',
      variables: config.saveAs ? { [config.saveAs]: reply } : undefined,
      effects: [{ type: 'send_message', recipient: { id: context.contact.id }, message: { text: reply } }],
    };
  },
};
