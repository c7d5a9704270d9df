import type { FlowEdge, FlowGraph, FlowNode, FlowPosition } from '@dmflow/shared';

/** Every edit of a flow document. Undo/redo replays nothing: it moves through the documents these produced. */
export type FlowAction =
  | { type: 'add_node'; node: FlowNode }
  /** One undo step: a block added and linked in (from a selected block's exit, or dropped on a link, which it splits). */
  | { type: 'add_connected_node'; node: FlowNode; edges: FlowEdge[]; replacedEdgeIds: string[] }
  | { type: 'move_nodes'; positions: Record<string, FlowPosition> }
  | { type: 'remove_elements'; nodeIds: string[]; edgeIds: string[] }
  | { type: 'connect'; edge: FlowEdge }
  | { type: 'update_config'; nodeId: string; config: Record<string, unknown> }
  | { type: 'rename_node'; nodeId: string; title: string }
  | { type: 'set_terminal_port'; nodeId: string; portId: string; terminal: boolean }
  | { type: 'paste'; nodes: FlowNode[]; edges: FlowEdge[] }
  /** Whole-document changes: auto-layout, a restored version. */
  | { type: 'replace_graph'; graph: FlowGraph; reason: 'layout' | 'restore' };

/** Edits carrying the same merge key one after another form one undo step (typing in a field). */
export type FlowDispatch = (action: FlowAction, mergeKey?: string) => void;
