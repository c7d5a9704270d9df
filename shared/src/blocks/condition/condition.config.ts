// @Type reads design-time types through Reflect.getMetadata, in the browser too.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const RULE_SUBJECTS = ['variable', 'tag', 'contact_field'] as const;
export type RuleSubject = (typeof RULE_SUBJECTS)[number];

export const RULE_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'greater_than',
  'less_than',
  'is_set',
  'is_not_set',
  'has_tag',
  'not_has_tag',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const TAG_OPERATORS: readonly RuleOperator[] = ['has_tag', 'not_has_tag'];
export const VALUELESS_OPERATORS: readonly RuleOperator[] = ['is_set', 'is_not_set', 'has_tag', 'not_has_tag'];

export class ConditionRule {
  @IsIn(RULE_SUBJECTS)
  subject: RuleSubject;

  /** Variable name, tag, or contact field (username, id, or a custom field). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsIn(RULE_OPERATORS)
  operator: RuleOperator;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  value?: string;
}

export class ConditionConfig {
  @IsIn(['all', 'any'])
  match: 'all' | 'any';

  @IsArray()
  @ArrayMinSize(1, { message: 'add at least one rule' })
  @ValidateNested({ each: true })
  @Type(() => ConditionRule)
  rules: ConditionRule[];
}

export function checkCondition(config: ConditionConfig): string[] {
  return config.rules.flatMap((rule, index) => {
    const isTagRule = rule.subject === 'tag';
    if (isTagRule !== TAG_OPERATORS.includes(rule.operator))
      return [`rules.${index}: tags take "has tag"/"does not have tag"; other subjects take comparisons`];
    if (!VALUELESS_OPERATORS.includes(rule.operator) && rule.value === undefined)
      return [`rules.${index}.value: is required for ${rule.operator}`];
    return [];
  });
}
