import type { BlockType } from '@dmflow/shared';
import { BLOCK_EDITORS, type BlockEditors } from './block-editors';
import { readBlockConfig } from './read-block-config';

/** A block's canvas preview, from its JSON config. */
export function BlockPreview<T extends BlockType>({ type, config }: { type: T; config: Record<string, unknown> }) {
  // Widened to the mapped type, so indexing by a generic block type keeps the preview's config type.
  const editors: BlockEditors = BLOCK_EDITORS;
  const { Content } = editors[type];
  return <Content config={readBlockConfig(type, config)} />;
}
