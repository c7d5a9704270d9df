import type { RunContext } from '../../kernel/run-context';
import { renderTemplate } from '../../text/template';
import { templateValues } from '../../kernel/run-context';
import { assertNever } from '../../util/assert-never';
import { normalizeText } from '../../util/normalize-text';
import type { ConditionConfig, ConditionRule } from './condition.config';

function subjectValue(rule: ConditionRule, context: RunContext): string | null {
  switch (rule.subject) {
    case 'variable': {
      const value = context.variables[rule.name];
      return value === undefined || value === null ? null : String(value);
    }
    case 'contact_field':
      if (rule.name === 'username') return context.contact.username;
      if (rule.name === 'id') return context.contact.id;
      return context.contact.fields[rule.name] ?? null;
    case 'tag':
      return null;
    default:
      return assertNever(rule.subject, 'rule subject');
  }
}

export function evaluateRule(rule: ConditionRule, context: RunContext): boolean {
  if (rule.operator === 'has_tag') return context.tags.includes(rule.name);
  if (rule.operator === 'not_has_tag') return !context.tags.includes(rule.name);
  const actual = subjectValue(rule, context);
  if (rule.operator === 'is_set') return actual !== null && actual !== '';
  if (rule.operator === 'is_not_set') return actual === null || actual === '';
  if (actual === null) return rule.operator === 'not_equals' || rule.operator === 'not_contains';
  const expected = renderTemplate(rule.value ?? '', templateValues(context));
  const [left, right] = [normalizeText(actual), normalizeText(expected)];
  switch (rule.operator) {
    case 'equals':
      return left === right;
    case 'not_equals':
      return left !== right;
    case 'contains':
      return left.includes(right);
    case 'not_contains':
      return !left.includes(right);
    case 'starts_with':
      return left.startsWith(right);
    case 'greater_than':
    case 'less_than': {
      const [a, b] = [Number(actual), Number(expected)];
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return rule.operator === 'greater_than' ? a > b : a < b;
    }
    default:
      return assertNever(rule.operator, 'rule operator');
  }
}

export function evaluateCondition(config: ConditionConfig, context: RunContext): boolean {
  return config.match === 'all'
    ? config.rules.every((rule) => evaluateRule(rule, context))
    : config.rules.some((rule) => evaluateRule(rule, context));
}
