import { type BlockContentProps, Preview } from '../block-content-parts';
import { readText } from '../config-readers';

export function DelayContent({ config }: BlockContentProps) {
  return <Preview empty="Set the wait">{readText(config, 'amount') && `Wait ${readText(config, 'amount')} ${readText(config, 'unit')}`}</Preview>;
}
