import type { FlowGraph, FlowProblem } from '@dmflow/shared';
import { useEffect, useRef } from 'react';
import { describeProblem } from './problem-text';

/** Before publishing a flow with warnings: what Instagram will do with it, and a choice to publish anyway. */
export function PublishConfirm({
  graph,
  warnings,
  onPublish,
  onCancel,
}: {
  graph: FlowGraph;
  warnings: FlowProblem[];
  onPublish: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="publish-confirm"
      role="alertdialog"
      aria-labelledby="publish-confirm-title"
      aria-describedby="publish-confirm-list"
      data-testid="publish-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h2 id="publish-confirm-title">
        Publish with {warnings.length} warning{warnings.length === 1 ? '' : 's'}?
      </h2>
      <ul id="publish-confirm-list">
        {warnings.map((warning, index) => (
          <li key={index}>{describeProblem(graph, warning)}</li>
        ))}
      </ul>
      <div className="publish-confirm-actions">
        <button type="button" ref={cancel} className="secondary" onClick={onCancel}>
          Go back and fix
        </button>
        <button type="button" onClick={onPublish}>
          Publish anyway
        </button>
      </div>
    </div>
  );
}
