export const FLOW_SCHEMA_VERSION = 1;

export interface FlowPosition {
  x: number;
  y: number;
}

export interface FlowNode<TData = Record<string, unknown>> {
  id: string;
  type: string;
  position: FlowPosition;
  data: TData;
}

export interface FlowEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

export interface FlowGraph {
  schemaVersion: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function createEmptyFlow(): FlowGraph {
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: [], edges: [] };
}
