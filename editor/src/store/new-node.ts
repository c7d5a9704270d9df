import { blockDefinition, type BlockType, type FlowNode, type FlowPosition } from '@dmflow/shared';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/** A block with the catalogue's defaults, as plain JSON (the document is stored as JSON). */
export function newBlockNode(type: BlockType, position: FlowPosition): FlowNode {
  const config = JSON.parse(JSON.stringify(blockDefinition(type).defaults())) as Record<string, unknown>;
  return { id: newId(type), type, position, data: { config } };
}
