import { type BlockType, type FlowGraph, type FlowPosition, isBlockType } from '@dmflow/shared';
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useMemo, useState } from 'react';
import { BLOCK_EDITORS } from '../blocks/block-editors';
import { droppedBlockType, isPaletteDrag } from '../palette/palette-drag';
import type { FlowDispatch } from '../store/flow-actions';
import { insertOnEdge } from '../store/link-new-block';
import { newId } from '../store/new-node';
import { BlockNode } from './block-node';
import { type BlockFlowNode, toReactFlow } from './to-react-flow';
import type { NodeStats } from '../analytics/node-stats';

const NODE_TYPES = { block: BlockNode };

export interface Selection {
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
}

export const EMPTY_SELECTION: Selection = { nodeIds: new Set(), edgeIds: new Set() };

interface FlowCanvasProps {
  flow: FlowGraph;
  dispatch: FlowDispatch;
  selection: Selection;
  /** Takes an update of the current selection: React Flow may report several changes before the next render. */
  onSelectionChange: (update: (current: Selection) => Selection) => void;
  problemsByNode: ReadonlyMap<string, string[]>;
  warningsByNode: ReadonlyMap<string, string[]>;
  activeNodeId: string | null;
  statsByNode?: ReadonlyMap<string, NodeStats> | null;
}

function applySelection(current: ReadonlySet<string>, changes: ReadonlyMap<string, boolean>): Set<string> {
  const next = new Set(current);
  for (const [id, selected] of changes) {
    if (selected) next.add(id);
    else next.delete(id);
  }
  return next;
}

type Measured = Record<string, { width: number; height: number }>;

/** The canvas element of the given kind (a link or a block) under a screen point, by its React Flow id. */
function elementIdAt(x: number, y: number, selector: '.react-flow__edge' | '.react-flow__node'): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const found = element.closest(selector);
    if (found) return found.getAttribute('data-id');
  }
  return null;
}

function pointOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  const touch = 'changedTouches' in event ? event.changedTouches[0] : null;
  return touch ? { x: touch.clientX, y: touch.clientY } : { x: (event as MouseEvent).clientX, y: (event as MouseEvent).clientY };
}

/** Renders the document; every change the user makes comes back as a FlowAction (drags only when they end). */
export function FlowCanvas({
  flow,
  dispatch,
  selection,
  onSelectionChange,
  problemsByNode,
  warningsByNode,
  activeNodeId,
  statsByNode,
}: FlowCanvasProps) {
  const { screenToFlowPosition } = useReactFlow();
  // UI-only state: node sizes React Flow measured, and positions while a drag is in progress.
  const [measured, setMeasured] = useState<Measured>({});
  const [dragging, setDragging] = useState<Record<string, FlowPosition>>({});
  // The link a palette block would be inserted into if dropped now.
  const [dropEdgeId, setDropEdgeId] = useState<string | null>(null);

  const derived = useMemo(
    () =>
      toReactFlow(flow, {
        selectedNodeIds: selection.nodeIds,
        selectedEdgeIds: selection.edgeIds,
        problemsByNode,
        warningsByNode,
        activeNodeId,
        statsByNode,
      }),
    [flow, selection, problemsByNode, warningsByNode, activeNodeId, statsByNode],
  );
  const nodes = useMemo(
    () =>
      derived.nodes.map((node) => ({
        ...node,
        position: dragging[node.id] ?? node.position,
        ...(measured[node.id] ? { measured: measured[node.id] } : {}),
      })),
    [derived.nodes, dragging, measured],
  );

  const edges = useMemo(
    () =>
      dropEdgeId ? derived.edges.map((edge) => (edge.id === dropEdgeId ? { ...edge, className: 'is-drop-target' } : edge)) : derived.edges,
    [derived.edges, dropEdgeId],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<BlockFlowNode>[]) => {
      const sizes: Measured = {};
      const moving: Record<string, FlowPosition> = {};
      const finished: Record<string, FlowPosition> = {};
      const selected = new Map<string, boolean>();
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
        if (change.type === 'position' && change.position) (change.dragging ? moving : finished)[change.id] = change.position;
        if (change.type === 'select') selected.set(change.id, change.selected);
      }
      if (Object.keys(sizes).length) setMeasured((current) => ({ ...current, ...sizes }));
      if (Object.keys(moving).length) setDragging((current) => ({ ...current, ...moving }));
      if (Object.keys(finished).length) {
        dispatch({ type: 'move_nodes', positions: finished });
        setDragging((current) => Object.fromEntries(Object.entries(current).filter(([id]) => !finished[id])));
      }
      if (selected.size) onSelectionChange((current) => ({ ...current, nodeIds: applySelection(current.nodeIds, selected) }));
    },
    [dispatch, onSelectionChange],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      const selected = new Map<string, boolean>();
      for (const change of changes) if (change.type === 'select') selected.set(change.id, change.selected);
      if (selected.size) onSelectionChange((current) => ({ ...current, edgeIds: applySelection(current.edgeIds, selected) }));
    },
    [onSelectionChange],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: BlockFlowNode, dragged: BlockFlowNode[]) => {
      // React Flow 12 ends a drag with dragging=false position changes; this catches drags that ended without one.
      const positions = Object.fromEntries(dragged.map((node) => [node.id, node.position]));
      dispatch({ type: 'move_nodes', positions });
      setDragging({});
    },
    [dispatch],
  );

  // Dropping a link on a block's body (not only on its small input dot) connects to that block.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      if (connection.isValid || !connection.fromNode || !connection.fromHandle?.id || connection.fromHandle.type !== 'source') return;
      const point = pointOf(event);
      const targetId = elementIdAt(point.x, point.y, '.react-flow__node');
      const target = flow.nodes.find((node) => node.id === targetId);
      if (!target || target.id === connection.fromNode.id || target.type === 'trigger') return;
      dispatch({
        type: 'connect',
        edge: { id: newId('edge'), source: connection.fromNode.id, sourceHandle: connection.fromHandle.id, target: target.id },
      });
    },
    [dispatch, flow.nodes],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle) return;
      dispatch({
        type: 'connect',
        edge: { id: newId('edge'), source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target },
      });
    },
    [dispatch],
  );

  const onDelete = useCallback(
    ({ nodes: removedNodes, edges: removedEdges }: { nodes: BlockFlowNode[]; edges: Edge[] }) => {
      dispatch({ type: 'remove_elements', nodeIds: removedNodes.map((node) => node.id), edgeIds: removedEdges.map((edge) => edge.id) });
      onSelectionChange(() => EMPTY_SELECTION);
    },
    [dispatch, onSelectionChange],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!isPaletteDrag(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropEdgeId(elementIdAt(event.clientX, event.clientY, '.react-flow__edge'));
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = droppedBlockType(event.dataTransfer);
      if (!type) return;
      event.preventDefault();
      setDropEdgeId(null);
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Dropped on a link: the block is inserted into it; elsewhere it is only added.
      const edgeId = elementIdAt(event.clientX, event.clientY, '.react-flow__edge');
      const action = edgeId
        ? insertOnEdge(flow, edgeId, type, { x: position.x - 100, y: position.y - 20 }, measured)
        : insertOnEdge(flow, '', type, position);
      dispatch(action);
      onSelectionChange(() => ({ nodeIds: new Set([action.node.id]), edgeIds: new Set() }));
    },
    [dispatch, flow, measured, onSelectionChange, screenToFlowPosition],
  );

  return (
    <div className="flow-canvas" data-testid="flow-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        connectionRadius={36}
        onDelete={onDelete}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onDragLeave={() => setDropEdgeId(null)}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionOnDrag={false}
        fitView
        // The whole flow fits; below 85 % zoom the blocks show the overview (big titles), so it reads at any size.
        fitViewOptions={{ maxZoom: 1, padding: 0.1 }}
        minZoom={0.2}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap
          pannable
          zoomable
          style={{ width: 160, height: 110 }}
          nodeColor={(node) =>
            node.data && isBlockType((node as BlockFlowNode).data.node.type)
              ? BLOCK_EDITORS[(node as BlockFlowNode).data.node.type as BlockType].accent
              : '#94a3b8'
          }
        />
        <Controls />
      </ReactFlow>
    </div>
  );
}
