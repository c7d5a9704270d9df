import { delayLabel } from '@dmflow/shared';
import { type BlockContentProps, Preview } from '../block-content-parts';

export function DelayContent({ config }: BlockContentProps<'delay'>) {
  return <Preview empty="Set the wait">{delayLabel(config)}</Preview>;
}
