import { type BlockContentProps, Meta } from '../block-content-parts';

export function ConditionContent({ config }: BlockContentProps<'condition'>) {
  const joiner = config.match === 'any' ? ' or ' : ' and ';
  const described = config.rules.map((rule) =>
    [rule.subject, rule.name, rule.operator.replace(/_/g, ' '), rule.value].filter(Boolean).join(' '),
  );
  return <Meta>{described.length ? described.join(joiner) : 'No rules yet'}</Meta>;
}
