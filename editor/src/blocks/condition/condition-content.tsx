import { type BlockContentProps, Meta } from '../block-content-parts';
import { readList, readText } from '../config-readers';

export function ConditionContent({ config }: BlockContentProps) {
  const rules = readList(config, 'rules');
  const joiner = readText(config, 'match') === 'any' ? ' or ' : ' and ';
  const described = rules.map((rule) => [readText(rule, 'subject'), readText(rule, 'name'), readText(rule, 'operator').replace(/_/g, ' '), readText(rule, 'value')].filter(Boolean).join(' '));
  return <Meta>{described.length ? described.join(joiner) : 'No rules yet'}</Meta>;
}
