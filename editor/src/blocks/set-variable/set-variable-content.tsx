import { type BlockContentProps, Preview } from '../block-content-parts';
import { readText } from '../config-readers';

export function SetVariableContent({ config }: BlockContentProps) {
  const variable = readText(config, 'variable');
  return <Preview empty="Choose a variable">{variable && `{{${variable}}} = ${readText(config, 'value')}`}</Preview>;
}
