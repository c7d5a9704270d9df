import type { FlowEdge, FlowGraph, FlowNode } from '@dmflow/shared';
import { newId } from './new-node';

export interface FlowFragment {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const PASTE_OFFSET = 40;

/** The selected blocks and the connections between them (a connection leaving the selection is not copied). */
export function copyFragment(graph: FlowGraph, nodeIds: ReadonlySet<string>): FlowFragment {
  return {
    nodes: graph.nodes.filter((node) => nodeIds.has(node.id)),
    edges: graph.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
  };
}

/** Fresh ids for every pasted node and edge, shifted so the copy does not hide the original. */
export function prepareFragmentForPaste(fragment: FlowFragment, times = 1): FlowFragment {
  const ids = new Map(fragment.nodes.map((node) => [node.id, newId(node.type)]));
  return {
    nodes: fragment.nodes.map((node) => ({
      ...structuredClone(node),
      id: ids.get(node.id) as string,
      position: { x: node.position.x + PASTE_OFFSET * times, y: node.position.y + PASTE_OFFSET * times },
    })),
    edges: fragment.edges.map((edge) => ({
      ...edge,
      id: newId('edge'),
      source: ids.get(edge.source) as string,
      target: ids.get(edge.target) as string,
    })),
  };
}
