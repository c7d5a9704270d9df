// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { stableHash } from '../../util/stable-hash';
import type { BlockDefinition } from '../../kernel/block-definition';

export class RandomizerVariant {
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(40)
  label: string;

  @IsInt()
  @Min(0)
  @Max(100)
  weight: number;
}

export class RandomizerConfig {
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RandomizerVariant)
  variants: RandomizerVariant[];

  /** Sticky: the same contact always lands in the same variant of this node. */
  @IsBoolean()
  sticky: boolean;
}

/** Deterministic weighted pick: the machine stays pure and a replay takes the same branch. */
export function pickVariant(config: RandomizerConfig, seed: string): RandomizerVariant {
  const total = config.variants.reduce((sum, variant) => sum + variant.weight, 0);
  let point = stableHash(seed) % total;
  for (const variant of config.variants) {
    if (point < variant.weight) return variant;
    point -= variant.weight;
  }
  return config.variants[config.variants.length - 1];
}

export const randomizerBlock: BlockDefinition<RandomizerConfig> = {
  type: 'randomizer',
  label: 'Randomizer',
  description: 'Splits contacts between branches by weight (A/B/n), optionally sticky per contact.',
  icon: 'shuffle',
  category: 'logic',
  configClass: RandomizerConfig,
  defaults: () =>
    Object.assign(new RandomizerConfig(), {
      variants: [
        { id: 'a', label: 'A', weight: 50 },
        { id: 'b', label: 'B', weight: 50 },
      ],
      sticky: true,
    }),
  fields: [
    {
      name: 'variants',
      label: 'Variants',
      kind: 'list',
      maxItems: 10,
      newItem: () => ({ id: `v${Date.now().toString(36)}`, label: 'New', weight: 10 }),
      itemFields: [
        { name: 'id', label: 'Id', kind: 'text' },
        { name: 'label', label: 'Label', kind: 'text', maxLength: 40 },
        { name: 'weight', label: 'Weight', kind: 'number', min: 0, max: 100 },
      ],
    },
    { name: 'sticky', label: 'Same branch for the same contact', kind: 'boolean' },
  ],
  ports: (config) => config.variants.map((variant) => ({ id: `variant:${variant.id}`, label: `${variant.label} (${variant.weight})` })),
  sendsMessage: false,
  check: (config) => {
    const problems: string[] = [];
    if (config.variants.reduce((sum, variant) => sum + variant.weight, 0) <= 0) problems.push('variants: the weights add up to 0');
    const ids = config.variants.map((variant) => variant.id);
    if (new Set(ids).size !== ids.length) problems.push('variants: two variants share an id');
    return problems;
  },
  enter: ({ config, context, nodeId }) => {
    const seed = config.sticky ? `${context.contact.id}:${context.flowId}:${nodeId}` : `${context.runId}:${nodeId}:${context.seq}`;
    return { next: `variant:${pickVariant(config, seed).id}` };
  },
};
