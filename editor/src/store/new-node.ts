import { blockDefinition, type BlockType, type FlowNode, type FlowPosition } from '@dmflow/shared';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/**
 * A block with the catalogue's defaults, as plain JSON (the document is stored as JSON). Texts the author writes
 * (fields with an example placeholder) start empty, so nobody has to delete "What is your name?" first.
 */
export function newBlockNode(type: BlockType, position: FlowPosition): FlowNode {
  const definition = blockDefinition(type);
  const config = JSON.parse(JSON.stringify(definition.defaults())) as Record<string, unknown>;
  for (const field of definition.fields) {
    if (!field.placeholder || !(field.name in config)) continue;
    if (field.kind === 'text' || field.kind === 'textarea') config[field.name] = '';
    if (field.kind === 'string-list') config[field.name] = [];
  }
  return { id: newId(type), type, position, data: { config } };
}
