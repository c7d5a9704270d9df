import { type BlockContentProps, Preview } from '../block-content-parts';

export function DelayContent({ config }: BlockContentProps<'delay'>) {
  return <Preview empty="Set the wait">{config.amount === undefined ? '' : `Wait ${config.amount} ${config.unit}`}</Preview>;
}
