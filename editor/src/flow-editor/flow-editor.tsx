import type { FlowValidation, FlowView } from '@dmflow/shared';
import { useCallback, useMemo, useState } from 'react';
import type { NodeStats } from '../analytics/node-stats';
import type { FlowsApi } from '../api/flows-api';
import { FlowCanvas } from '../canvas/flow-canvas';
import { Palette } from '../palette/palette';
import { navigate } from '../router';
import { useEditorShortcuts } from '../store/use-editor-shortcuts';
import { EditorToolbar } from './editor-toolbar';
import { type Notice, NoticeBar } from './notice-bar';
import { PublishConfirm } from './publish-confirm';
import { SidePanel, type SidePanelKind } from './side-panel';
import { useCanvasCommands } from './use-canvas-commands';
import { useFlowChecks } from './use-flow-checks';
import { useFlowDocument } from './use-flow-document';

const count = (total: number, word: string) => `${total} ${word}${total === 1 ? '' : 's'}`;

/** The check's outcome: "ready" only when there is nothing left to read. */
function checkNotice(validation: FlowValidation): Notice {
  if (!validation.valid) return { kind: 'error', text: `${count(validation.errors.length, 'problem')} to fix; the list names each block.` };
  if (validation.warnings.length > 0)
    return { kind: 'warning', text: `The flow can be published, but read ${count(validation.warnings.length, 'warning')} first.` };
  return { kind: 'info', text: 'The flow is ready to publish.' };
}

/** The editor's layout: toolbar, notice, palette, canvas and side panel, wired to the document and the canvas. */
export function FlowEditor({ flowsApi, initial }: { flowsApi: FlowsApi; initial: FlowView }) {
  const flow = useFlowDocument(flowsApi, initial);
  const { graph, dirty, setNotice } = flow;
  const [panel, setPanel] = useState<SidePanelKind>('inspector');
  const showInspector = useCallback(() => setPanel('inspector'), []);
  const togglePanel = (kind: SidePanelKind) => setPanel((shown) => (shown === kind ? 'inspector' : kind));
  const canvas = useCanvasCommands(graph, flow.dispatch, showInspector);
  const checks = useFlowChecks(graph);
  const [statsByNode, setStatsByNode] = useState<Map<string, NodeStats> | null>(null);
  const [activeNodeId, setActiveNodeId] = useState<string | null>(null);

  // Picking a block while the history is open shows its settings; the preview stays open (it highlights blocks).
  // The panel follows the selection as it renders (React's "adjust state when a value changes"), not in an effect.
  const selectedNodeId = canvas.selectedNode?.id;
  const [panelSelection, setPanelSelection] = useState(selectedNodeId);
  if (panelSelection !== selectedNodeId) {
    setPanelSelection(selectedNodeId);
    if (selectedNodeId) setPanel((shown) => (shown === 'versions' || shown === 'analytics' ? 'inspector' : shown));
  }

  const { validation } = checks;
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  const check = () => {
    checks.show();
    setNotice(checkNotice(validation));
  };
  const publish = () => {
    checks.show();
    setPanel('inspector');
    if (!validation.valid) setNotice({ ...checkNotice(validation), text: `Not published: ${checkNotice(validation).text}` });
    else if (validation.warnings.length > 0) setConfirmingPublish(true);
    else void flow.publish();
  };
  const leave = () => {
    if (dirty && !window.confirm('You have unsaved changes. Leave without saving?')) return;
    navigate({ page: 'list' });
  };

  const { undo, redo, save } = flow;
  const { copy, paste } = canvas;
  useEditorShortcuts(useMemo(() => ({ undo, redo, copy, paste, save: () => void save() }), [copy, paste, redo, save, undo]));

  return (
    <main className="editor">
      <EditorToolbar
        flow={flow}
        panel={panel}
        onTogglePanel={togglePanel}
        onLeave={leave}
        onLayout={canvas.layout}
        onCheck={check}
        onPublish={publish}
      />
      <NoticeBar notice={flow.notice} onDismiss={() => setNotice(null)} />
      {confirmingPublish && (
        <PublishConfirm
          graph={graph}
          warnings={validation.warnings}
          onCancel={() => setConfirmingPublish(false)}
          onPublish={() => {
            setConfirmingPublish(false);
            void flow.publish();
          }}
        />
      )}
      <div className="editor-body">
        <Palette onAdd={canvas.addBlock} />
        <FlowCanvas
          flow={graph}
          dispatch={flow.dispatch}
          selection={canvas.selection}
          onSelectionChange={canvas.setSelection}
          problemsByNode={checks.problemsByNode}
          warningsByNode={checks.warningsByNode}
          activeNodeId={activeNodeId}
          statsByNode={panel === 'analytics' ? statsByNode : null}
        />
        <SidePanel
          panel={panel}
          flowsApi={flowsApi}
          flow={flow}
          selectedNode={canvas.selectedNode}
          validation={validation}
          problemsShown={checks.shown}
          onClose={showInspector}
          onSelectNode={canvas.showNode}
          onRevealNode={canvas.revealNode}
          onActiveNodeChange={setActiveNodeId}
          onStats={setStatsByNode}
          onRestore={(version) => void flow.restore(version).then((restored) => restored && canvas.clearSelection())}
        />
      </div>
    </main>
  );
}
