import { type BlockType, type FlowGraph, validateFlow } from '@dmflow/shared';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { AnalyticsPanel } from '../analytics/analytics-panel';
import type { NodeStats } from '../analytics/node-stats';
import { ApiError } from '../api/api-client';
import type { FlowDetail, FlowsApi, FlowVersionSummary } from '../api/flows-api';
import { autoLayout, LAYER_GAP } from '../canvas/auto-layout';
import { EMPTY_SELECTION, FlowCanvas, type Selection } from '../canvas/flow-canvas';
import { Inspector } from '../inspector/inspector';
import { Palette } from '../palette/palette';
import { navigate } from '../router';
import { SimulatorPanel } from '../simulator/simulator-panel';
import { copyFragment, type FlowFragment, prepareFragmentForPaste } from '../store/clipboard';
import type { FlowDispatch } from '../store/flow-actions';
import { createHistory, flowHistoryReducer } from '../store/flow-history';
import { newBlockNode } from '../store/new-node';
import { useEditorShortcuts } from '../store/use-editor-shortcuts';
import { ProblemsList } from './problems-list';
import { VersionsPanel } from './versions-panel';

type SidePanel = 'inspector' | 'simulator' | 'versions' | 'analytics';

interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** The draft on the server is newer than the one being edited. */
  conflict?: boolean;
}

export function FlowEditorPage({ flowsApi, flowId }: { flowsApi: FlowsApi; flowId: string }) {
  const [flow, setFlow] = useState<FlowDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    flowsApi
      .get(flowId)
      .then(setFlow)
      .catch((caught: unknown) => setLoadError(caught instanceof ApiError ? caught.message : 'Could not load the flow.'));
  }, [flowsApi, flowId]);
  if (loadError) {
    return (
      <main className="list-page">
        <p className="problem" role="alert">
          {loadError}
        </p>
        <button type="button" onClick={() => navigate({ page: 'list' })}>
          Back to flows
        </button>
      </main>
    );
  }
  if (!flow) return <main className="list-page">Loading…</main>;
  return (
    <ReactFlowProvider>
      <FlowEditor flowsApi={flowsApi} initial={flow} />
    </ReactFlowProvider>
  );
}

function FlowEditor({ flowsApi, initial }: { flowsApi: FlowsApi; initial: FlowDetail }) {
  const [history, dispatchHistory] = useReducer(flowHistoryReducer, initial.draft, createHistory);
  const [saved, setSaved] = useState<{ graph: FlowGraph; revision: number; name: string }>({ graph: initial.draft, revision: initial.revision, name: initial.name });
  const [status, setStatus] = useState({ published: initial.status === 'published', unpublished: initial.has_unpublished_changes });
  const [enabled, setEnabled] = useState(initial.enabled);
  const [statsByNode, setStatsByNode] = useState<Map<string, NodeStats> | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [panel, setPanel] = useState<SidePanel>('inspector');
  const [showProblems, setShowProblems] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [activeNodeId, setActiveNodeId] = useState<string | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);
  const clipboard = useRef<{ fragment: FlowFragment; pastes: number } | null>(null);
  const { fitView, setCenter, getZoom } = useReactFlow();
  // Brings a block into view (a block added beside the last one, or the block a problem is about).
  const reveal = useCallback(
    (position: { x: number; y: number }) => void setCenter(position.x + 100, position.y + 60, { zoom: Math.max(getZoom(), 0.8), duration: 200 }),
    [getZoom, setCenter],
  );

  const graph = history.present;
  const dirty = graph !== saved.graph;
  const dispatch = useCallback<FlowDispatch>((action, mergeKey) => dispatchHistory({ type: 'edit', action, mergeKey }), []);
  const validation = useMemo(() => validateFlow(graph), [graph]);
  const problemsByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    if (!showProblems) return map;
    for (const problem of validation.errors) if (problem.nodeId) map.set(problem.nodeId, [...(map.get(problem.nodeId) ?? []), problem.message]);
    return map;
  }, [validation, showProblems]);
  // Undo can remove selected blocks: only blocks still in the document count as selected.
  const selectedNodes = graph.nodes.filter((node) => selection.nodeIds.has(node.id));
  const selectedNode = selectedNodes.length === 1 ? selectedNodes[0] : null;
  // Picking a block while the history is open shows its settings; the preview stays open (it highlights blocks).
  const selectedNodeId = selectedNode?.id;
  useEffect(() => {
    if (selectedNodeId) setPanel((shown) => (shown === 'versions' || shown === 'analytics' ? 'inspector' : shown));
  }, [selectedNodeId]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);


  const selectNode = useCallback((nodeId: string) => {
    setSelection({ nodeIds: new Set([nodeId]), edgeIds: new Set() });
    setPanel('inspector');
  }, []);

  const showNode = useCallback(
    (nodeId: string) => {
      selectNode(nodeId);
      const node = graph.nodes.find((candidate) => candidate.id === nodeId);
      if (node) reveal(node.position);
    },
    [graph.nodes, reveal, selectNode],
  );

  const addBlock = useCallback(
    (type: BlockType) => {
      const anchor = selectedNode ?? graph.nodes[graph.nodes.length - 1];
      const position = anchor ? { x: anchor.position.x + LAYER_GAP, y: anchor.position.y } : { x: 0, y: 0 };
      const node = newBlockNode(type, position);
      dispatch({ type: 'add_node', node });
      selectNode(node.id);
      reveal(position);
    },
    [dispatch, graph.nodes, reveal, selectedNode, selectNode],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (!dirty) return true;
    setBusy(true);
    try {
      const result = await flowsApi.save(initial.id, saved.revision, { draft: graph });
      setSaved({ graph, revision: result.revision, name: result.name });
      setStatus({ published: result.status === 'published', unpublished: result.has_unpublished_changes });
      setNotice({ kind: 'info', text: 'Saved.' });
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'revision_conflict') {
        setNotice({ kind: 'error', text: 'Someone else saved this flow since you opened it. Load their version (your unsaved changes are dropped) or keep editing.', conflict: true });
      } else {
        setNotice({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'Could not save.' });
      }
      return false;
    } finally {
      setBusy(false);
    }
  }, [dirty, flowsApi, graph, initial.id, saved.revision]);

  const validate = useCallback(() => {
    setShowProblems(true);
    setNotice(validation.valid ? { kind: 'info', text: 'The flow is ready to publish.' } : { kind: 'error', text: `${validation.errors.length} problem(s) to fix.` });
  }, [validation]);

  const publish = useCallback(async () => {
    setShowProblems(true);
    if (!(await save())) return;
    setBusy(true);
    try {
      const version = await flowsApi.publish(initial.id);
      setStatus({ published: true, unpublished: false });
      setVersionsKey((key) => key + 1);
      setNotice({ kind: 'info', text: `Published version ${version.version}. New conversations use it now.` });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'flow_invalid') {
        setNotice({ kind: 'error', text: `Not published: ${caught.details.map((detail) => detail.message).join('; ')}` });
      } else {
        setNotice({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'Could not publish.' });
      }
    } finally {
      setBusy(false);
    }
  }, [flowsApi, initial.id, save]);

  const restore = useCallback(
    async (version: FlowVersionSummary) => {
      if (dirty && !window.confirm('Restoring replaces your unsaved changes. Continue?')) return;
      try {
        const result = await flowsApi.restore(initial.id, version.id);
        dispatchHistory({ type: 'load', graph: result.draft });
        setSaved({ graph: result.draft, revision: result.revision, name: result.name });
        setStatus({ published: result.status === 'published', unpublished: result.has_unpublished_changes });
        setSelection(EMPTY_SELECTION);
        setNotice({ kind: 'info', text: `Version ${version.version} restored into the draft. Publish to make it live.` });
      } catch (caught) {
        setNotice({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'Could not restore.' });
      }
    },
    [dirty, flowsApi, initial.id],
  );

  const toggleEnabled = useCallback(async () => {
    setBusy(true);
    try {
      const result = await flowsApi.setEnabled(initial.id, !enabled);
      setEnabled(result.enabled);
      setNotice({ kind: 'info', text: result.enabled ? 'Resumed: the trigger starts conversations again.' : 'Paused: no new conversations start; those in progress finish.' });
    } catch (caught) {
      setNotice({ kind: 'error', text: caught instanceof ApiError ? caught.message : 'Could not change the flow.' });
    } finally {
      setBusy(false);
    }
  }, [enabled, flowsApi, initial.id]);

  const layout = useCallback(() => {
    const positions = autoLayout(graph);
    dispatch({ type: 'replace_graph', reason: 'layout', graph: { ...graph, nodes: graph.nodes.map((node) => ({ ...node, position: positions[node.id] ?? node.position })) } });
    window.requestAnimationFrame(() => void fitView({ padding: 0.1, maxZoom: 1 }));
  }, [dispatch, fitView, graph]);

  const shortcuts = useMemo(
    () => ({
      undo: () => dispatchHistory({ type: 'undo' }),
      redo: () => dispatchHistory({ type: 'redo' }),
      copy: () => {
        if (selection.nodeIds.size) clipboard.current = { fragment: copyFragment(graph, selection.nodeIds), pastes: 0 };
      },
      paste: () => {
        if (!clipboard.current) return;
        clipboard.current.pastes += 1;
        const pasted = prepareFragmentForPaste(clipboard.current.fragment, clipboard.current.pastes);
        dispatch({ type: 'paste', ...pasted });
        setSelection({ nodeIds: new Set(pasted.nodes.map((node) => node.id)), edgeIds: new Set() });
      },
      save: () => void save(),
    }),
    [dispatch, graph, save, selection.nodeIds],
  );
  useEditorShortcuts(shortcuts);

  const leave = () => {
    if (dirty && !window.confirm('You have unsaved changes. Leave without saving?')) return;
    navigate({ page: 'list' });
  };

  return (
    <div className="editor">
      <header className="editor-toolbar" role="toolbar" aria-label="Flow actions">
        <button type="button" className="secondary" onClick={leave} aria-label="Back to flows">
          ←
        </button>
        <h1 className="editor-title">{saved.name}</h1>
        <span className={`status status-${status.published ? 'published' : 'draft'}`} data-testid="flow-status">
          {status.published ? (status.unpublished || dirty ? 'Published · changes not live' : 'Published') : 'Draft'}
          {status.published && !enabled && ' · Paused'}
        </span>
        <span className="save-state" data-testid="save-state">
          {dirty ? 'Unsaved changes' : 'All changes saved'}
        </span>
        <div className="toolbar-spacer" />
        <button type="button" className="secondary" onClick={shortcuts.undo} disabled={history.past.length === 0} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" className="secondary" onClick={shortcuts.redo} disabled={history.future.length === 0} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button type="button" className="secondary" onClick={layout} disabled={graph.nodes.length === 0}>
          Tidy up
        </button>
        <button type="button" className="secondary" onClick={validate}>
          Check
        </button>
        <button type="button" className="secondary" onClick={() => setPanel(panel === 'versions' ? 'inspector' : 'versions')} aria-pressed={panel === 'versions'}>
          History
        </button>
        <button type="button" className="secondary" onClick={() => setPanel(panel === 'simulator' ? 'inspector' : 'simulator')} aria-pressed={panel === 'simulator'}>
          Preview
        </button>
        <button type="button" className="secondary" onClick={() => setPanel(panel === 'analytics' ? 'inspector' : 'analytics')} aria-pressed={panel === 'analytics'}>
          Stats
        </button>
        {status.published && (
          <button type="button" className="secondary" onClick={() => void toggleEnabled()} disabled={busy} title={enabled ? 'Stop starting new conversations' : 'Start conversations from the trigger again'}>
            {enabled ? 'Pause' : 'Resume'}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void save()} disabled={!dirty || busy} title="Save (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={() => void publish()} disabled={busy}>
          Publish
        </button>
      </header>
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>{notice.text}</span>
          {notice.conflict && (
            <button type="button" className="link-button" onClick={() => window.location.reload()}>
              Load the saved version
            </button>
          )}
          <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      <div className="editor-body">
        <Palette onAdd={addBlock} />
        <FlowCanvas flow={graph} dispatch={dispatch} selection={selection} onSelectionChange={setSelection} problemsByNode={problemsByNode} activeNodeId={activeNodeId} statsByNode={panel === 'analytics' ? statsByNode : null} />
        <div className="side-panel">
          {panel === 'inspector' && (
            <>
              <Inspector graph={graph} node={selectedNode} problems={showProblems ? validation.errors : []} dispatch={dispatch} />
              {showProblems && <ProblemsList errors={validation.errors} warnings={validation.warnings} onSelectNode={showNode} />}
            </>
          )}
          {panel === 'simulator' && <SimulatorPanel graph={graph} onActiveNodeChange={setActiveNodeId} onClose={() => setPanel('inspector')} />}
          {panel === 'analytics' && (
            <AnalyticsPanel
              flowsApi={flowsApi}
              flowId={initial.id}
              graph={graph}
              onStats={setStatsByNode}
              onSelectNode={(nodeId) => {
                const node = graph.nodes.find((candidate) => candidate.id === nodeId);
                if (node) reveal(node.position);
              }}
            />
          )}
          {panel === 'versions' && <VersionsPanel flowsApi={flowsApi} flowId={initial.id} refreshKey={versionsKey} onRestore={(version) => void restore(version)} />}
        </div>
      </div>
    </div>
  );
}
