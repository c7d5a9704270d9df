import { enter, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { conditionBlock } from './condition.block';
import type { ConditionRule } from './condition.config';

const context = runContext({ variables: { email: 'Ann@Gmail.com', age: 30, empty: '' }, tags: ['vip'] });
const rule = (subject: ConditionRule['subject'], name: string, operator: ConditionRule['operator'], value?: string) => ({
  subject,
  name,
  operator,
  value,
});

describe('condition block', () => {
  it.each<[string, ConditionRule, 'true' | 'false']>([
    ['equals ignores case', rule('variable', 'email', 'equals', 'ann@gmail.com'), 'true'],
    ['not_equals', rule('variable', 'email', 'not_equals', 'x'), 'true'],
    ['contains', rule('variable', 'email', 'contains', '@gmail.'), 'true'],
    ['not_contains', rule('variable', 'email', 'not_contains', '@gmail.'), 'false'],
    ['starts_with', rule('variable', 'email', 'starts_with', 'ann'), 'true'],
    ['greater_than', rule('variable', 'age', 'greater_than', '18'), 'true'],
    ['less_than', rule('variable', 'age', 'less_than', '18'), 'false'],
    ['greater_than on text is false', rule('variable', 'email', 'greater_than', '1'), 'false'],
    ['is_set', rule('variable', 'email', 'is_set'), 'true'],
    ['empty text is not set', rule('variable', 'empty', 'is_set'), 'false'],
    ['is_not_set on a missing variable', rule('variable', 'phone', 'is_not_set'), 'true'],
    ['a missing variable equals nothing', rule('variable', 'phone', 'equals', ''), 'false'],
    ['has_tag', rule('tag', 'vip', 'has_tag'), 'true'],
    ['not_has_tag', rule('tag', 'vip', 'not_has_tag'), 'false'],
    ['contact username', rule('contact_field', 'username', 'equals', 'USER123'), 'true'],
    ['custom contact field', rule('contact_field', 'city', 'equals', 'paris'), 'true'],
    ['value with a placeholder', rule('contact_field', 'city', 'equals', '{{contact.city}}'), 'true'],
  ])('%s', (_name, singleRule, port) => {
    expect(enter(conditionBlock, { match: 'all', rules: [singleRule] }, context)).toEqual({ next: port });
  });

  it('combines rules with AND or OR', () => {
    const rules = [rule('tag', 'vip', 'has_tag'), rule('variable', 'age', 'less_than', '18')];
    expect(enter(conditionBlock, { match: 'all', rules }, context).next).toBe('false');
    expect(enter(conditionBlock, { match: 'any', rules }, context).next).toBe('true');
  });

  it.each([
    ['no rules', { rules: [] }, 'rules'],
    ['a tag subject with a comparison', { rules: [rule('tag', 'vip', 'equals', 'x')] }, 'rules.0'],
    ['a comparison without value', { rules: [rule('variable', 'a', 'equals')] }, 'rules.0.value'],
    ['an unknown operator', { rules: [{ ...rule('variable', 'a', 'equals', 'x'), operator: 'like' }] }, 'rules.0.operator'],
  ])('refuses %s', (_name, overrides, field) => {
    expect(validateConfig(conditionBlock, { ...conditionBlock.defaults(), ...overrides }).map((problem) => problem.field)).toContain(field);
  });
});
