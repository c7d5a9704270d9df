import type { FlowDocument } from './use-flow-document';
import type { SidePanelKind } from './side-panel';

export interface EditorToolbarProps {
  flow: FlowDocument;
  panel: SidePanelKind;
  onTogglePanel: (panel: Exclude<SidePanelKind, 'inspector'>) => void;
  onLeave: () => void;
  onLayout: () => void;
  onCheck: () => void;
  onPublish: () => void;
}

/** The flow's name and state, and every action on the whole flow. */
export function EditorToolbar({ flow, panel, onTogglePanel, onLeave, onLayout, onCheck, onPublish }: EditorToolbarProps) {
  const { status, enabled, dirty, busy } = flow;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Flow actions">
      <button type="button" className="secondary" onClick={onLeave} aria-label="Back to flows">
        ←
      </button>
      <h1 className="editor-title">{flow.name}</h1>
      <span className={`status status-${status.published ? 'published' : 'draft'}`} data-testid="flow-status">
        {status.published ? (status.unpublished || dirty ? 'Published · changes not live' : 'Published') : 'Draft'}
        {status.published && !enabled && ' · Paused'}
      </span>
      <span className="save-state" data-testid="save-state">
        {dirty ? 'Unsaved changes' : 'All changes saved'}
      </span>
      <div className="toolbar-spacer" />
      <button type="button" className="secondary" onClick={flow.undo} disabled={!flow.canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="secondary" onClick={flow.redo} disabled={!flow.canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      <button type="button" className="secondary" onClick={onLayout} disabled={flow.graph.nodes.length === 0}>
        Tidy up
      </button>
      <button type="button" className="secondary" onClick={onCheck}>
        Check
      </button>
      <button type="button" className="secondary" onClick={() => onTogglePanel('versions')} aria-pressed={panel === 'versions'}>
        History
      </button>
      <button type="button" className="secondary" onClick={() => onTogglePanel('simulator')} aria-pressed={panel === 'simulator'}>
        Preview
      </button>
      <button type="button" className="secondary" onClick={() => onTogglePanel('analytics')} aria-pressed={panel === 'analytics'}>
        Stats
      </button>
      {status.published && (
        <button
          type="button"
          className="secondary"
          onClick={() => void flow.toggleEnabled()}
          disabled={busy}
          title={enabled ? 'Stop starting new conversations' : 'Start conversations from the trigger again'}
        >
          {enabled ? 'Pause' : 'Resume'}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => void flow.save()} disabled={!dirty || busy} title="Save (Ctrl+S)">
        Save
      </button>
      <button type="button" onClick={onPublish} disabled={busy}>
        Publish
      </button>
    </div>
  );
}
