import { type BlockContentProps, Preview } from '../block-content-parts';

export function SetVariableContent({ config }: BlockContentProps<'set_variable'>) {
  const { variable } = config;
  return <Preview empty="Choose a variable">{variable && `{{${variable}}} = ${config.value}`}</Preview>;
}
