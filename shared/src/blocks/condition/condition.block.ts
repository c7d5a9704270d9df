import type { BlockDefinition } from '../../kernel/block-definition';
import { checkCondition, ConditionConfig, RULE_OPERATORS, RULE_SUBJECTS } from './condition.config';
import { evaluateCondition } from './evaluate-rule';

export const conditionBlock: BlockDefinition<ConditionConfig> = {
  type: 'condition',
  label: 'Condition',
  description: 'Branches on variables, tags and contact fields, combining rules with AND or OR.',
  icon: 'git-branch',
  category: 'logic',
  configClass: ConditionConfig,
  defaults: () =>
    Object.assign(new ConditionConfig(), { match: 'all', rules: [{ subject: 'variable', name: 'answer', operator: 'is_set' }] }),
  fields: [
    {
      name: 'match',
      label: 'Match',
      kind: 'select',
      options: [
        { value: 'all', label: 'All rules (AND)' },
        { value: 'any', label: 'Any rule (OR)' },
      ],
    },
    {
      name: 'rules',
      label: 'Rules',
      kind: 'list',
      newItem: () => ({ subject: 'variable', name: '', operator: 'equals', value: '' }),
      itemFields: [
        {
          name: 'subject',
          label: 'Subject',
          kind: 'select',
          options: RULE_SUBJECTS.map((value) => ({ value, label: value.replace('_', ' ') })),
        },
        { name: 'name', label: 'Name', kind: 'text' },
        {
          name: 'operator',
          label: 'Operator',
          kind: 'select',
          options: RULE_OPERATORS.map((value) => ({ value, label: value.replace(/_/g, ' ') })),
        },
        { name: 'value', label: 'Value', kind: 'text', templated: true },
      ],
    },
  ],
  ports: () => [
    { id: 'true', label: 'True' },
    { id: 'false', label: 'False' },
  ],
  sendsMessage: false,
  check: checkCondition,
  enter: ({ config, context }) => ({ next: evaluateCondition(config, context) ? 'true' : 'false' }),
};
