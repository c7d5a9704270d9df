import { blockDefinition, isBlockType, type FlowNode, type PortDefinition } from '@dmflow/shared';

/** A node's output ports as the catalogue defines them for its current config; none for an unknown type. */
export function blockPorts(node: FlowNode): PortDefinition[] {
  if (!isBlockType(node.type)) return [];
  try {
    return blockDefinition(node.type).ports(node.data.config);
  } catch {
    // A half-edited config (e.g. a list being emptied) must not break the canvas; validation reports it.
    return [];
  }
}
