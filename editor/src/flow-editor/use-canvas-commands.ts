import type { BlockType, FlowGraph } from '@dmflow/shared';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import { autoLayout, type Sizes } from '../canvas/auto-layout';
import { freeSpot } from '../canvas/placement';
import { EMPTY_SELECTION, type Selection } from '../canvas/flow-canvas';
import { copyFragment, type FlowFragment, prepareFragmentForPaste } from '../store/clipboard';
import type { FlowDispatch } from '../store/flow-actions';
import { addAfter } from '../store/link-new-block';
import { newBlockNode } from '../store/new-node';

/** What the author does on the canvas beyond dragging: selection, adding blocks, tidying up, copy and paste. */
export function useCanvasCommands(graph: FlowGraph, dispatch: FlowDispatch, showInspector: () => void) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const clipboard = useRef<{ fragment: FlowFragment; pastes: number } | null>(null);
  const { fitView, setCenter, getZoom, getNodes } = useReactFlow();
  // The sizes React Flow measured, so placement and layout use the blocks' real heights.
  const measuredSizes = useCallback(
    (): Sizes =>
      Object.fromEntries(
        getNodes()
          .filter((node) => node.measured?.width && node.measured.height)
          .map((node) => [node.id, { width: node.measured?.width as number, height: node.measured?.height as number }]),
      ),
    [getNodes],
  );
  // Brings a block into view (a block added beside the last one, or the block a problem is about).
  const reveal = useCallback(
    (position: { x: number; y: number }) =>
      void setCenter(position.x + 100, position.y + 60, { zoom: Math.max(getZoom(), 0.8), duration: 200 }),
    [getZoom, setCenter],
  );

  // Undo can remove selected blocks: only blocks still in the document count as selected.
  const selectedNodes = graph.nodes.filter((node) => selection.nodeIds.has(node.id));
  const selectedNode = selectedNodes.length === 1 ? selectedNodes[0] : null;

  const selectNode = useCallback(
    (nodeId: string) => {
      setSelection({ nodeIds: new Set([nodeId]), edgeIds: new Set() });
      showInspector();
    },
    [showInspector],
  );

  const revealNode = useCallback(
    (nodeId: string) => {
      const node = graph.nodes.find((candidate) => candidate.id === nodeId);
      if (node) reveal(node.position);
    },
    [graph.nodes, reveal],
  );

  const showNode = useCallback(
    (nodeId: string) => {
      selectNode(nodeId);
      revealNode(nodeId);
    },
    [revealNode, selectNode],
  );

  // A palette block goes beside the selected block, linked from its first free exit; without a selection, beside
  // the last block, unlinked. Either way on free canvas.
  const addBlock = useCallback(
    (type: BlockType) => {
      const sizes = measuredSizes();
      const last = graph.nodes[graph.nodes.length - 1];
      let action;
      if (selectedNode) action = addAfter(graph, selectedNode, type, sizes);
      else {
        const draft = newBlockNode(type, { x: 0, y: 0 });
        const desired = last ? { x: last.position.x + (sizes[last.id]?.width ?? 200) + 80, y: last.position.y } : { x: 0, y: 0 };
        action = { type: 'add_node' as const, node: { ...draft, position: freeSpot(graph, draft, desired, sizes) } };
      }
      dispatch(action);
      selectNode(action.node.id);
      reveal(action.node.position);
    },
    [dispatch, graph, measuredSizes, reveal, selectedNode, selectNode],
  );

  const layout = useCallback(() => {
    const positions = autoLayout(graph, measuredSizes());
    dispatch({
      type: 'replace_graph',
      reason: 'layout',
      graph: { ...graph, nodes: graph.nodes.map((node) => ({ ...node, position: positions[node.id] ?? node.position })) },
    });
    window.requestAnimationFrame(() => void fitView({ padding: 0.1, maxZoom: 1 }));
  }, [dispatch, fitView, graph, measuredSizes]);

  const copy = useCallback(() => {
    if (selection.nodeIds.size) clipboard.current = { fragment: copyFragment(graph, selection.nodeIds), pastes: 0 };
  }, [graph, selection.nodeIds]);

  const paste = useCallback(() => {
    if (!clipboard.current) return;
    clipboard.current.pastes += 1;
    const pasted = prepareFragmentForPaste(clipboard.current.fragment, clipboard.current.pastes);
    dispatch({ type: 'paste', ...pasted });
    setSelection({ nodeIds: new Set(pasted.nodes.map((node) => node.id)), edgeIds: new Set() });
  }, [dispatch]);

  const clearSelection = useCallback(() => setSelection(EMPTY_SELECTION), []);

  return { selection, setSelection, clearSelection, selectedNode, revealNode, showNode, addBlock, layout, copy, paste };
}
