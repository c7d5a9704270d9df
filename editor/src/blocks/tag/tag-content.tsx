import { type BlockContentProps, Chips, Meta } from '../block-content-parts';
import { readStrings, readText } from '../config-readers';

export function TagContent({ config }: BlockContentProps) {
  const tags = [...readStrings(config, 'tags'), readText(config, 'tag')].filter(Boolean);
  return (
    <>
      <Meta>{readText(config, 'action') === 'remove' ? 'Remove tag' : 'Add tag'}</Meta>
      <Chips items={tags} />
    </>
  );
}
