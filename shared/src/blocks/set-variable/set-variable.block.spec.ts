import { enter, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { setVariableBlock } from './set-variable.block';

describe('set_variable block', () => {
  const context = runContext({ variables: { score: 2, email: 'a@b.co' } });
  it.each([
    [
      'set with placeholders',
      { variable: 'source', operation: 'set', value: '{{contact.username}}:{{email}}' },
      { source: 'user123:a@b.co' },
    ],
    ['increment a number', { variable: 'score', operation: 'increment', value: '3' }, { score: 5 }],
    ['increment a missing variable', { variable: 'visits', operation: 'increment', value: '1' }, { visits: 1 }],
    ['clear', { variable: 'email', operation: 'clear', value: '' }, { email: null }],
  ] as const)('%s', (_name, config, variables) => {
    expect(enter(setVariableBlock, { ...config }, context)).toEqual({ next: 'next', variables });
  });

  it('refuses increments by text and bad names', () => {
    expect(validateConfig(setVariableBlock, { variable: 'x', operation: 'increment', value: 'lots' }).map((p) => p.field)).toEqual([
      'value',
    ]);
    expect(validateConfig(setVariableBlock, { variable: 'my var', operation: 'set', value: '' }).map((p) => p.field)).toEqual(['variable']);
  });
});
