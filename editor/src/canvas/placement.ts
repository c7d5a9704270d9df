import type { FlowGraph, FlowNode, FlowPosition } from '@dmflow/shared';
import { BLOCK_WIDTH, estimatedHeight, overlaps, type Sizes } from './auto-layout';
import { blockPorts } from './block-ports';

const GAP_X = 80;
const GAP_Y = 40;

/** The first exit of a block that leads nowhere yet (not connected, not marked as ending the flow). */
export function firstFreePort(graph: FlowGraph, node: FlowNode): string | null {
  const used = new Set(graph.edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle));
  const terminal = new Set(node.data.terminalPorts ?? []);
  return blockPorts(node).find((port) => !used.has(port.id) && !terminal.has(port.id))?.id ?? null;
}

/**
 * Where a new block goes beside `anchor`: to its right, level with the exit it hangs from, then moved down (or up)
 * until it covers no other block.
 */
export function placeBeside(graph: FlowGraph, anchor: FlowNode, newNode: FlowNode, portId: string | null, sizes: Sizes = {}): FlowPosition {
  const anchorWidth = sizes[anchor.id]?.width ?? BLOCK_WIDTH;
  const portIndex = Math.max(0, portId ? blockPorts(anchor).findIndex((port) => port.id === portId) : 0);
  const desired = { x: anchor.position.x + anchorWidth + GAP_X, y: anchor.position.y + portIndex * 60 };
  return freeSpot(graph, newNode, desired, sizes);
}

/** The nearest spot to `desired`, in the same column, where `newNode` overlaps no block. */
export function freeSpot(graph: FlowGraph, newNode: FlowNode, desired: FlowPosition, sizes: Sizes = {}): FlowPosition {
  const height = estimatedHeight(newNode);
  const boxes = graph.nodes
    .filter((node) => node.id !== newNode.id)
    .map((node) => ({ ...node.position, ...(sizes[node.id] ?? { width: BLOCK_WIDTH, height: estimatedHeight(node) }) }));
  const step = height + GAP_Y;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    // 0, then 1 row below, 1 above, 2 below… from the desired spot.
    const rows = attempt % 2 === 1 ? (attempt + 1) / 2 : -attempt / 2;
    const candidate = { x: desired.x, y: desired.y + rows * step };
    if (!boxes.some((box) => overlaps({ ...candidate, width: BLOCK_WIDTH, height }, box, GAP_Y / 2))) return candidate;
  }
  return desired;
}
