import { type BlockContentProps, Chips, Meta } from '../block-content-parts';

export function TagContent({ config }: BlockContentProps<'tag'>) {
  return (
    <>
      <Meta>{config.action === 'remove' ? 'Remove tag' : 'Add tag'}</Meta>
      <Chips items={config.tags.filter(Boolean)} />
    </>
  );
}
