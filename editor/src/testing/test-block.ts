import type { FlowNode } from '@dmflow/shared';
import { newBlockNode } from '../store/new-node';

/** A block with the catalogue's defaults, a fixed id and some config overridden, for specs. */
export function testBlock(id: string, type: Parameters<typeof newBlockNode>[0], config: Record<string, unknown> = {}): FlowNode {
  const node = newBlockNode(type, { x: 0, y: 0 });
  return { ...node, id, data: { config: { ...node.data.config, ...config } } };
}
