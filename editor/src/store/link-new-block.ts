import type { BlockType, FlowGraph, FlowNode, FlowPosition } from '@dmflow/shared';
import type { Sizes } from '../canvas/auto-layout';
import { blockPorts } from '../canvas/block-ports';
import { firstFreePort, freeSpot, placeBeside } from '../canvas/placement';
import type { FlowAction } from './flow-actions';
import { newBlockNode, newId } from './new-node';

/**
 * A block added from the palette while `anchor` is selected: placed beside it (on free canvas) and linked from its
 * first exit that leads nowhere. A trigger is never linked into (nothing leads into a trigger).
 */
export function addAfter(graph: FlowGraph, anchor: FlowNode, type: BlockType, sizes: Sizes = {}): FlowAction & { node: FlowNode } {
  const port = type === 'trigger' ? null : firstFreePort(graph, anchor);
  const draft = newBlockNode(type, { x: 0, y: 0 });
  const node = { ...draft, position: placeBeside(graph, anchor, draft, port, sizes) };
  if (!port) return { type: 'add_node', node };
  return {
    type: 'add_connected_node',
    node,
    edges: [{ id: newId('edge'), source: anchor.id, sourceHandle: port, target: node.id }],
    replacedEdgeIds: [],
  };
}

/**
 * A block dropped on a link A → B: the link is split into A → new block → B (through the new block's first exit).
 * Blocks that cannot sit in the middle (a trigger, an End) are just added where they were dropped.
 */
export function insertOnEdge(
  graph: FlowGraph,
  edgeId: string,
  type: BlockType,
  position: FlowPosition,
  sizes: Sizes = {},
): FlowAction & { node: FlowNode } {
  const draft = newBlockNode(type, position);
  // Between two blocks there is rarely room: the block moves up or down until it covers none.
  const node = edgeId ? { ...draft, position: freeSpot(graph, draft, position, sizes) } : draft;
  const edge = graph.edges.find((candidate) => candidate.id === edgeId);
  const exit = blockPorts(node)[0];
  if (!edge || !exit || type === 'trigger') return { type: 'add_node', node };
  return {
    type: 'add_connected_node',
    node,
    edges: [
      { id: newId('edge'), source: edge.source, sourceHandle: edge.sourceHandle, target: node.id },
      { id: newId('edge'), source: node.id, sourceHandle: exit.id, target: edge.target },
    ],
    replacedEdgeIds: [edge.id],
  };
}
