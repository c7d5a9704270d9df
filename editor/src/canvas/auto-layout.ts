import { layout as dagreLayout, graphlib } from '@dagrejs/dagre';
import type { FlowEdge, FlowGraph, FlowNode, FlowPosition } from '@dmflow/shared';
import { blockPorts } from './block-ports';

/** A block's size on the canvas before React Flow has measured it (200 px wide; the height grows with its exits). */
export const BLOCK_WIDTH = 200;
export function estimatedHeight(node: FlowNode): number {
  return 110 + 24 * blockPorts(node).length;
}

export type Sizes = Readonly<Record<string, { width: number; height: number }>>;

function sizeOf(node: FlowNode, sizes: Sizes): { width: number; height: number } {
  return sizes[node.id] ?? { width: BLOCK_WIDTH, height: estimatedHeight(node) };
}

/**
 * Layered left-to-right layout by dagre (@dagrejs/dagre): fewest crossings, branches in the order of their
 * block's exits, nodes never overlapping. Returns each block's top-left corner, the trigger at the origin.
 */
export function autoLayout(graph: FlowGraph, sizes: Sizes = {}): Record<string, FlowPosition> {
  const layered = new graphlib.Graph({ multigraph: true });
  layered.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 0, marginy: 0 });
  layered.setDefaultEdgeLabel(() => ({}));
  const ordered = inReadingOrder(graph);
  for (const node of ordered) layered.setNode(node.id, sizeOf(node, sizes));
  for (const node of ordered) for (const edge of exitsInOrder(graph, node)) layered.setEdge(edge.source, edge.target, {}, edge.id);
  // Sibling branches keep the order of the exits they hang from (the first exit's branch on top).
  const constraints = ordered.flatMap((node) => {
    const targets = [...new Set(exitsInOrder(graph, node).map((edge) => edge.target))];
    return targets.slice(1).map((right, index) => ({ left: targets[index], right }));
  });
  dagreLayout(layered, { constraints });

  const centres = graph.nodes.map((node) => ({ node, centre: layered.node(node.id) as { x: number; y: number } }));
  const origin = centres.find(({ node }) => node.type === 'trigger') ?? centres[0];
  const positions: Record<string, FlowPosition> = {};
  if (!origin) return positions;
  const originCorner = cornerOf(origin.node, origin.centre, sizes);
  for (const { node, centre } of centres) {
    const corner = cornerOf(node, centre, sizes);
    positions[node.id] = { x: Math.round(corner.x - originCorner.x), y: Math.round(corner.y - originCorner.y) };
  }
  return positions;
}

/** A block's outgoing edges in the order of its exits, so the first exit's branch is drawn on top. */
function exitsInOrder(graph: FlowGraph, node: FlowNode): FlowEdge[] {
  const ports = blockPorts(node).map((port) => port.id);
  return graph.edges
    .filter((edge) => edge.source === node.id && graph.nodes.some((target) => target.id === edge.target))
    .sort((a, b) => ports.indexOf(a.sourceHandle) - ports.indexOf(b.sourceHandle));
}

/** Breadth-first from the trigger along the exits in order (dagre keeps the order it is given among equals). */
function inReadingOrder(graph: FlowGraph): FlowNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const order: FlowNode[] = [];
  const queue = graph.nodes.filter((node) => node.type === 'trigger');
  const visit = (node: FlowNode) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    order.push(node);
    for (const edge of exitsInOrder(graph, node)) queue.push(byId.get(edge.target) as FlowNode);
  };
  while (queue.length) visit(queue.shift() as FlowNode);
  for (const node of graph.nodes) visit(node);
  return order;
}

function cornerOf(node: FlowNode, centre: { x: number; y: number }, sizes: Sizes): FlowPosition {
  const size = sizeOf(node, sizes);
  return { x: centre.x - size.width / 2, y: centre.y - size.height / 2 };
}

/** Whether blocks sit on top of each other (a flow written through the API, with every block at 0,0). */
export function needsLayout(graph: FlowGraph, sizes: Sizes = {}): boolean {
  const boxes = graph.nodes.map((node) => ({ ...node.position, ...sizeOf(node, sizes) }));
  return boxes.some((a, i) => boxes.slice(i + 1).some((b) => overlaps(a, b)));
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overlaps(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

/** Lays the graph out when its blocks overlap; the same document otherwise. */
export function withLayoutIfNeeded(graph: FlowGraph): FlowGraph {
  if (!needsLayout(graph)) return graph;
  const positions = autoLayout(graph);
  return { ...graph, nodes: graph.nodes.map((node) => ({ ...node, position: positions[node.id] ?? node.position })) };
}
