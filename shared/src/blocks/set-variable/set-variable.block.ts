import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { templateValues } from '../../kernel/run-context';
import { renderTemplate } from '../../text/template';
import type { BlockDefinition } from '../../kernel/block-definition';
import { VARIABLE_NAME } from '../../kernel/variable-name';

export class SetVariableConfig {
  @Matches(VARIABLE_NAME, { message: 'variable must start with a letter or _ and hold only letters, digits and _' })
  variable: string;

  /** `set` stores the rendered text, `increment` adds a number, `clear` empties the variable. */
  @IsIn(['set', 'increment', 'clear'])
  operation: 'set' | 'increment' | 'clear';

  @IsString()
  @MaxLength(1000)
  value: string;
}

export const setVariableBlock: BlockDefinition<SetVariableConfig> = {
  type: 'set_variable',
  label: 'Set variable',
  description: 'Sets, increments or clears a custom variable; values may use {{placeholders}}.',
  icon: 'variable',
  category: 'contact',
  configClass: SetVariableConfig,
  defaults: () => Object.assign(new SetVariableConfig(), { variable: 'source', operation: 'set', value: 'instagram' }),
  fields: [
    { name: 'variable', label: 'Variable', kind: 'text' },
    {
      name: 'operation',
      label: 'Operation',
      kind: 'select',
      options: [
        { value: 'set', label: 'Set to' },
        { value: 'increment', label: 'Increase by' },
        { value: 'clear', label: 'Clear' },
      ],
    },
    { name: 'value', label: 'Value', kind: 'text', templated: true, visibleWhen: { field: 'operation', equals: ['set', 'increment'] } },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  check: (config) =>
    config.operation === 'increment' && !Number.isFinite(Number(config.value)) ? ['value: increment needs a number'] : [],
  enter: ({ config, context }) => {
    switch (config.operation) {
      case 'clear':
        return { next: 'next', variables: { [config.variable]: null } };
      case 'increment': {
        const current = Number(context.variables[config.variable] ?? 0);
        return { next: 'next', variables: { [config.variable]: (Number.isFinite(current) ? current : 0) + Number(config.value) } };
      }
      case 'set':
        return { next: 'next', variables: { [config.variable]: renderTemplate(config.value, templateValues(context)) } };
    }
  },
};
