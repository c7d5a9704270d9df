import type { FlowGraph } from '@dmflow/shared';
import type { Edge, Node } from '@xyflow/react';

/** React Flow's nodes and edges are derived from the flow document, never edited directly. */
export function toReactFlow(flow: FlowGraph): { nodes: Node[]; edges: Edge[] } {
  return {
    nodes: flow.nodes.map((node) => ({ id: node.id, type: node.type, position: node.position, data: node.data })),
    edges: flow.edges.map((edge) => ({ id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target })),
  };
}
