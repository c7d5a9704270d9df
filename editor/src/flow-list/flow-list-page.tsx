import { type FormEvent, lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { FlowSummaryView } from '@dmflow/shared';
import type { TemplateCard } from '@dmflow/shared/template-cards';
import { apiErrorMessage } from '../api/api-errors';
import type { FlowsApi } from '../api/flows-api';
import { useInstagramApi } from '../api/use-instagram-api';
import { navigate } from '../router';
import { TableHead } from '../tables/table-head';

// The gallery shows light cards; the templates build their flows with the block catalogue (and its validators), which
// the wizard loads once a card is picked, so the flow list's first load stays small.
const TemplateGallery = lazy(() => import('../templates/template-gallery').then((module) => ({ default: module.TemplateGallery })));
const TemplateWizard = lazy(() => import('../templates/template-wizard').then((module) => ({ default: module.TemplateWizard })));

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** A paused flow is published but starts nothing: the list says so. */
function flowState(flow: FlowSummaryView): 'draft' | 'published' | 'paused' {
  if (flow.status !== 'published') return 'draft';
  return flow.enabled ? 'published' : 'paused';
}
const FLOW_STATE_LABELS = { draft: 'Draft', published: 'Published', paused: 'Paused' } as const;

/** Every flow of the account, with create, rename, duplicate and delete. */
export function FlowListPage({ flowsApi }: { flowsApi: FlowsApi }) {
  const instagramApi = useInstagramApi();
  const [flows, setFlows] = useState<FlowSummaryView[] | null>(null);
  const [template, setTemplate] = useState<TemplateCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  const load = useCallback(
    () =>
      // A 401 (session ended) is handled by the app, which shows the sign-in page.
      flowsApi.listAll().then(setFlows, (caught: unknown) => setError(apiErrorMessage(caught, 'Could not load the flows.'))),
    [flowsApi],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (caught) {
      setError(apiErrorMessage(caught, 'Something went wrong.'));
    }
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim() || 'Untitled flow';
    try {
      const flow = await flowsApi.create(name);
      navigate({ page: 'flow', flowId: flow.id });
    } catch (caught) {
      setError(apiErrorMessage(caught, 'Could not create the flow.'));
    }
  };

  const rename = async (event: FormEvent, flow: FlowSummaryView) => {
    event.preventDefault();
    if (!renaming?.name.trim()) return;
    await run(() => flowsApi.save(flow.id, flow.revision, { name: renaming.name.trim() }));
    setRenaming(null);
  };

  if (template && instagramApi)
    return (
      <Suspense fallback={<main className="list-page">Loading the template…</main>}>
        <TemplateWizard card={template} flowsApi={flowsApi} instagramApi={instagramApi} onCancel={() => setTemplate(null)} />
      </Suspense>
    );

  return (
    <main className="list-page">
      <header className="list-header">
        <h1>Flows</h1>
        <form className="create-flow" onSubmit={(event) => void create(event)}>
          <label htmlFor="new-flow-name" className="visually-hidden">
            New flow name
          </label>
          <input
            id="new-flow-name"
            placeholder="New flow name"
            value={newName}
            maxLength={200}
            onChange={(event) => setNewName(event.target.value)}
          />
          <button type="submit">Create flow</button>
        </form>
      </header>
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      <Suspense fallback={<p className="muted">Loading the templates…</p>}>
        <TemplateGallery onPick={setTemplate} />
      </Suspense>
      {flows === null ? (
        <p>Loading…</p>
      ) : flows.length === 0 ? (
        <p className="empty-state">No flows yet. Start from a template above, or create a blank flow.</p>
      ) : (
        <table className="flow-table">
          <TableHead columns={['Name', 'Status', 'Trigger', 'Updated', 'Runs, 7 days', 'Conversion, 7 days']} />
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.id} data-flow-id={flow.id}>
                <td>
                  {renaming?.id === flow.id ? (
                    <form onSubmit={(event) => void rename(event, flow)} className="inline-form">
                      <input
                        aria-label="Flow name"
                        autoFocus
                        value={renaming.name}
                        maxLength={200}
                        onChange={(event) => setRenaming({ id: flow.id, name: event.target.value })}
                      />
                      <button type="submit">Save</button>
                      <button type="button" className="secondary" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <a
                      href={`/flows/${flow.id}`}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate({ page: 'flow', flowId: flow.id });
                      }}
                    >
                      {flow.name}
                    </a>
                  )}
                </td>
                <td>
                  <span className={`status status-${flowState(flow)}`}>{FLOW_STATE_LABELS[flowState(flow)]}</span>
                </td>
                <td>{flow.trigger_summary}</td>
                <td>{dateFormat.format(new Date(flow.updated_at))}</td>
                <td>
                  {flow.runs_7d}
                  <span className="muted"> ({flow.run_count} in all)</span>
                </td>
                <td>{flow.conversion_7d === null ? '—' : percentFormat.format(flow.conversion_7d)}</td>
                <td className="row-actions">
                  <button type="button" className="link-button" onClick={() => setRenaming({ id: flow.id, name: flow.name })}>
                    Rename
                  </button>
                  <button type="button" className="link-button" onClick={() => void run(() => flowsApi.duplicate(flow.id))}>
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="link-button danger"
                    onClick={() => {
                      if (window.confirm(`Delete “${flow.name}”? It stops triggering.`)) void run(() => flowsApi.remove(flow.id));
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
