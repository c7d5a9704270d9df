import { type BlockContentProps, Chips } from '../block-content-parts';

export function RandomizerContent({ config }: BlockContentProps<'randomizer'>) {
  return <Chips items={config.variants.map((variant) => `${variant.label || variant.id} · ${variant.weight ?? ''}`)} />;
}
