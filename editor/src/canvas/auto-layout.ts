import type { FlowGraph, FlowPosition } from '@dmflow/shared';

export const LAYER_GAP = 260;
export const ROW_GAP = 180;

/**
 * Layered layout, left to right: a block's layer is its longest distance from a root (the trigger, or any block
 * nothing leads into); within a layer, blocks follow the order of their parents so branches do not cross.
 */
export function autoLayout(graph: FlowGraph): Record<string, FlowPosition> {
  const incoming = new Map<string, number>(graph.nodes.map((node) => [node.id, 0]));
  const children = new Map<string, string[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) {
    if (!incoming.has(edge.target) || !children.has(edge.source)) continue;
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    children.get(edge.source)?.push(edge.target);
  }
  const roots = graph.nodes
    .filter((node) => incoming.get(node.id) === 0)
    .sort((a, b) => Number(b.type === 'trigger') - Number(a.type === 'trigger'))
    .map((node) => node.id);

  // Longest path over a DAG in topological order; nodes left on a cycle keep the layer they reached.
  const layer = new Map<string, number>(roots.map((id) => [id, 0]));
  const remaining = new Map(incoming);
  const queue = [...roots];
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift() as string;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      layer.set(child, Math.max(layer.get(child) ?? 0, (layer.get(id) ?? 0) + 1));
      remaining.set(child, (remaining.get(child) ?? 1) - 1);
      if (remaining.get(child) === 0) queue.push(child);
    }
  }
  for (const node of graph.nodes) if (!order.includes(node.id)) order.push(node.id);

  const rowsByLayer = new Map<number, string[]>();
  for (const id of order) {
    const depth = layer.get(id) ?? 0;
    rowsByLayer.set(depth, [...(rowsByLayer.get(depth) ?? []), id]);
  }
  const positions: Record<string, FlowPosition> = {};
  for (const [depth, ids] of rowsByLayer) {
    const top = -((ids.length - 1) * ROW_GAP) / 2;
    ids.forEach((id, row) => {
      positions[id] = { x: depth * LAYER_GAP, y: top + row * ROW_GAP };
    });
  }
  return positions;
}
