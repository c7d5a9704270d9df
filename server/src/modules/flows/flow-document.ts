import { FlowGraph, FlowSchemaError, migrateFlow, withBlockDefaults } from '@dmflow/shared';
import { FlowErrors } from './flows.errors';

/** How big one flow may be; larger documents are refused with 413 flow_too_large (FLOW_MAX_NODES, FLOW_MAX_EDGES). */
export interface FlowSizeLimits {
  nodesPerFlow: number;
  edgesPerFlow: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shapeProblem(document: Record<string, unknown>): string | null {
  if ('nodes' in document && !Array.isArray(document.nodes)) return 'draft.nodes must be an array';
  if ('edges' in document && !Array.isArray(document.edges)) return 'draft.edges must be an array';
  const graph = migrateFlow(document);
  for (const [index, node] of graph.nodes.entries()) {
    if (!isRecord(node) || typeof node.id !== 'string' || typeof node.type !== 'string')
      return `draft.nodes[${index}] needs a string id and type`;
    if (!isRecord(node.position) || typeof node.position.x !== 'number' || typeof node.position.y !== 'number')
      return `draft.nodes[${index}].position needs numeric x and y`;
    if (!isRecord(node.data) || !isRecord(node.data.config)) return `draft.nodes[${index}].data.config must be an object`;
  }
  for (const [index, edge] of graph.edges.entries()) {
    if (!isRecord(edge) || [edge.id, edge.source, edge.sourceHandle, edge.target].some((value) => typeof value !== 'string')) {
      return `draft.edges[${index}] needs string id, source, sourceHandle and target`;
    }
  }
  return null;
}

/**
 * A flow document sent by a client, upgraded to the current schema, each block's omitted settings taken from the
 * catalogue's defaults (as the editor gives a new block); a malformed one is refused (400) rather than stored.
 */
export function readFlowDocument(document: Record<string, unknown>, limits: FlowSizeLimits): FlowGraph {
  try {
    const [nodes, edges] = [document.nodes, document.edges].map((list) => (Array.isArray(list) ? list.length : 0));
    if (nodes > limits.nodesPerFlow) throw FlowErrors.tooLarge(`a flow has at most ${limits.nodesPerFlow} blocks (this one has ${nodes})`);
    if (edges > limits.edgesPerFlow)
      throw FlowErrors.tooLarge(`a flow has at most ${limits.edgesPerFlow} connections (this one has ${edges})`);
    const problem = shapeProblem(document);
    if (problem) throw FlowErrors.invalidDocument(problem);
    return withBlockDefaults(migrateFlow(document));
  } catch (error) {
    if (error instanceof FlowSchemaError) throw FlowErrors.invalidDocument(error.message);
    throw error;
  }
}
