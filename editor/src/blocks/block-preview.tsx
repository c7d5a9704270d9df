import type { BlockType } from '@dmflow/shared';
import { BLOCK_EDITORS } from './block-editors';
import { readBlockConfig } from './read-block-config';

/** A block's canvas preview, from its JSON config. */
export function BlockPreview<T extends BlockType>({ type, config }: { type: T; config: Record<string, unknown> }) {
  const { Content } = BLOCK_EDITORS[type];
  return <Content config={readBlockConfig(type, config)} />;
}
