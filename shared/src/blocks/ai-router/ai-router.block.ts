// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { BlockDefinition, PortDefinition } from '../../kernel/block-definition';
import { VARIABLE_NAME } from '../../kernel/variable-name';
import { aiEventFor } from '../../ai/ai-event';

/** The intent saved when the message fits none of the author's intents (and the exit it takes). */
export const OTHER_INTENT = 'other';

export class AiIntentConfig {
  /** Names the exit: `intent:<id>`. */
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'an intent id holds 1 to 32 letters, digits, _ or -' })
  id: string;

  @IsString()
  @MinLength(1, { message: 'an intent needs a name' })
  @MaxLength(80)
  name: string;

  @IsString()
  @MaxLength(500)
  description: string;
}

export class AiRouterConfig {
  @IsString()
  @MaxLength(2000)
  instructions: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AiIntentConfig)
  intents: AiIntentConfig[];

  /** Below this confidence the message takes the `other` exit. */
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence: number;

  @Matches(VARIABLE_NAME)
  intentVariable: string;

  @Matches(VARIABLE_NAME)
  confidenceVariable: string;
}

export const aiRouterBlock: BlockDefinition<AiRouterConfig> = {
  type: 'ai_router',
  label: 'AI router',
  description: "Sorts the person's last message into your intents with the workspace's AI model: one exit per intent, plus other.",
  icon: 'split',
  category: 'logic',
  configClass: AiRouterConfig,
  defaults: () =>
    Object.assign(new AiRouterConfig(), {
      instructions: '',
      intents: [
        { id: 'price', name: 'Price question', description: 'asks what something costs' },
        { id: 'buy', name: 'Wants to buy', description: 'wants to order or pay' },
        { id: 'complaint', name: 'Complaint', description: 'unhappy with an order or the service' },
      ],
      minConfidence: 0.5,
      intentVariable: 'intent',
      confidenceVariable: 'intent_confidence',
    }),
  fields: [
    {
      name: 'intents',
      label: 'Intents',
      kind: 'list',
      maxItems: 10,
      newItem: () => ({ id: `i${Date.now().toString(36)}`, name: '', description: '' }),
      itemFields: [
        { name: 'id', label: 'Id', kind: 'text' },
        { name: 'name', label: 'Intent', kind: 'text', maxLength: 80 },
        { name: 'description', label: 'Description', kind: 'text', maxLength: 500 },
      ],
    },
    { name: 'instructions', label: 'Extra instructions', kind: 'textarea', maxLength: 2000 },
    { name: 'minConfidence', label: 'Least confidence (0–1)', kind: 'number', min: 0, max: 1 },
    { name: 'intentVariable', label: 'Save intent to variable', kind: 'text' },
    { name: 'confidenceVariable', label: 'Save confidence to variable', kind: 'text' },
  ],
  ports: (config) => [
    ...config.intents.map((intent): PortDefinition => ({ id: `intent:${intent.id}`, label: intent.name || intent.id })),
    { id: OTHER_INTENT, label: 'Other' },
    { id: 'error', label: 'Error' },
  ],
  sendsMessage: false,
  check: (config) => {
    const ids = config.intents.map((intent) => intent.id);
    return new Set(ids).size === ids.length ? [] : ['intents: two intents share an id'];
  },
  enter: ({ config, context }) => ({
    effects: [
      {
        type: 'ai_complete',
        task: {
          kind: 'route',
          instructions: config.instructions,
          message: context.lastMessage ?? '',
          intents: config.intents.map(({ id, name, description }) => ({ id, name, description })),
        },
      },
    ],
  }),
  onEvent: ({ config, context, event }) => {
    const outcome = aiEventFor(event, context);
    if (!outcome) return {};
    if (outcome.type === 'ai.failed' || outcome.answer.kind !== 'route') return { next: 'error' };
    const { intent, confidence } = outcome.answer;
    const chosen = intent !== null && confidence >= config.minConfidence ? intent : null;
    return {
      next: chosen ? `intent:${chosen}` : OTHER_INTENT,
      variables: { [config.intentVariable]: chosen ?? OTHER_INTENT, [config.confidenceVariable]: confidence },
    };
  },
};
