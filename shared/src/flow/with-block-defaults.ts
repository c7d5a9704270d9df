import { BLOCKS } from '../blocks';
import { isBlockType } from '../kernel/block-type';
import type { FlowGraph, FlowNode } from './flow-graph';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withDefaults(node: FlowNode): FlowNode {
  if (!isBlockType(node.type) || !isRecord(node.data?.config)) return node;
  const config: Record<string, unknown> = { ...node.data.config };
  // JSON.parse(JSON.stringify(…)): plain data, as the editor stores a new block's config, never a config class.
  const defaults = JSON.parse(JSON.stringify(BLOCKS[node.type].defaults())) as Record<string, unknown>;
  for (const [name, fallback] of Object.entries(defaults)) if (config[name] === undefined) config[name] = fallback;
  return { ...node, data: { ...node.data, config } };
}

/**
 * A draft written by a client (an API call, an assistant) with each block's omitted settings taken from the
 * catalogue's defaults, as the editor gives a new block. Settings that are present, even wrong, are kept for the
 * validator to report; unknown block types are left for it too.
 */
export function withBlockDefaults(graph: FlowGraph): FlowGraph {
  return { ...graph, nodes: graph.nodes.map(withDefaults) };
}
