import type { BlockType } from '../kernel/block-type';

export const FLOW_SCHEMA_VERSION = 2;

export interface FlowPosition {
  x: number;
  y: number;
}

// A type alias, not an interface, so it stays assignable to React Flow's `Record<string, unknown>` node data.
export type FlowNodeData = {
  /** The block's config, as its config class validates it. */
  config: Record<string, unknown>;
  /** Ports deliberately left unconnected: taking one ends the run (completed). */
  terminalPorts?: string[];
  /** A name the author gave the node in the editor. */
  title?: string;
};

/** `type` is a plain string in stored JSON; validateFlow reports one that is not a BlockType. */
export interface FlowNode<TType extends string = string> {
  id: string;
  type: TType;
  position: FlowPosition;
  data: FlowNodeData;
}

export interface FlowEdge {
  id: string;
  source: string;
  /** The source node's port id. */
  sourceHandle: string;
  target: string;
}

export interface FlowGraph {
  schemaVersion: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export type BlockNode = FlowNode<BlockType>;

export function createEmptyFlow(): FlowGraph {
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: [], edges: [] };
}
