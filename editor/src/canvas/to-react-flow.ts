import type { FlowGraph, FlowNode } from '@dmflow/shared';
import type { Edge, Node } from '@xyflow/react';
import type { NodeStats } from '../analytics/node-stats';
import { blockName } from '../flow-editor/problem-text';
import { blockPorts } from './block-ports';

export type BlockNodeData = {
  node: FlowNode;
  problems: string[];
  /** Instagram-rule warnings: the block is marked amber, publishing is still allowed. */
  warnings: string[];
  active: boolean;
  /** Live figures, while the statistics panel is open. */
  stats: NodeStats | null;
};

export type BlockFlowNode = Node<BlockNodeData>;

export interface CanvasDecorations {
  selectedNodeIds?: ReadonlySet<string>;
  selectedEdgeIds?: ReadonlySet<string>;
  problemsByNode?: ReadonlyMap<string, string[]>;
  warningsByNode?: ReadonlyMap<string, string[]>;
  activeNodeId?: string | null;
  statsByNode?: ReadonlyMap<string, NodeStats> | null;
}

/** What a screen reader says for a link: "Trigger, exit Next, to Send message". */
function edgeLabel(flow: FlowGraph, edge: FlowGraph['edges'][number]): string {
  const source = flow.nodes.find((node) => node.id === edge.source);
  const port = source ? blockPorts(source).find((candidate) => candidate.id === edge.sourceHandle) : undefined;
  return `${blockName(flow, edge.source) ?? 'A missing block'}, exit ${port?.label ?? edge.sourceHandle}, to ${blockName(flow, edge.target) ?? 'a missing block'}`;
}

/** React Flow's nodes and edges are derived from the flow document (plus UI decorations), never edited directly. */
export function toReactFlow(flow: FlowGraph, decorations: CanvasDecorations = {}): { nodes: BlockFlowNode[]; edges: Edge[] } {
  return {
    nodes: flow.nodes.map((node) => ({
      id: node.id,
      type: 'block',
      position: node.position,
      selected: decorations.selectedNodeIds?.has(node.id) ?? false,
      data: {
        node,
        problems: decorations.problemsByNode?.get(node.id) ?? [],
        warnings: decorations.warningsByNode?.get(node.id) ?? [],
        active: decorations.activeNodeId === node.id,
        stats: decorations.statsByNode?.get(node.id) ?? null,
      },
    })),
    edges: flow.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: edge.target,
      selected: decorations.selectedEdgeIds?.has(edge.id) ?? false,
      ariaLabel: edgeLabel(flow, edge),
    })),
  };
}
