import { type BlockContentProps, Chips } from '../block-content-parts';
import { readList, readText } from '../config-readers';

export function RandomizerContent({ config }: BlockContentProps) {
  return <Chips items={readList(config, 'variants').map((variant) => `${readText(variant, 'label') || readText(variant, 'id')} · ${readText(variant, 'weight')}`)} />;
}
