import type { FlowView } from '@dmflow/shared';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { FlowsApi } from '../api/flows-api';
import { withLayoutIfNeeded } from '../canvas/auto-layout';
import { navigate } from '../router';
import { FlowEditor } from './flow-editor';

/** Loads the flow, then hands it to the editor. */
export function FlowEditorPage({ flowsApi, flowId }: { flowsApi: FlowsApi; flowId: string }) {
  const [flow, setFlow] = useState<FlowView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    flowsApi
      .get(flowId)
      // A flow written through the API may have no positions: lay it out before the first paint.
      .then((loaded) => setFlow({ ...loaded, draft: withLayoutIfNeeded(loaded.draft) }))
      .catch((caught: unknown) => setLoadError(apiErrorMessage(caught, 'Could not load the flow.')));
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
