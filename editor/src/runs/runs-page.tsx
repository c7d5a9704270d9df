import { useCallback, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { FlowsApi } from '../api/flows-api';
import type { RunsApi, RunView } from '../api/runs-api';
import { navigate } from '../router';
import { useLoaded } from '../settings/use-loaded';
import '../business-pages.css';
import { dateTimeFormat, RUN_STATUS_LABELS, runReason } from './run-labels';
import { useFlowNames } from './use-flow-names';
import { TableHead } from '../tables/table-head';

/** Failed and in-doubt runs, newest first: the ones that need someone. */
async function runsNeedingAttention(runsApi: RunsApi): Promise<RunView[]> {
  const [failed, inDoubt] = await Promise.all([runsApi.list({ status: 'failed' }), runsApi.list({ status: 'in_doubt' })]);
  return [...failed.data, ...inDoubt.data].sort((a, b) => b.started_at.localeCompare(a.started_at));
}

/** Runs that stopped: why, and a retry from the failed step or from the start. */
export function RunsPage({ runsApi, flowsApi }: { runsApi: RunsApi; flowsApi: FlowsApi }) {
  const runs = useLoaded(
    useCallback(() => runsNeedingAttention(runsApi), [runsApi]),
    'the runs',
  );
  const flowNames = useFlowNames(flowsApi);
  const [notice, setNotice] = useState<string | null>(null);

  const retry = async (run: RunView, from: 'failed_step' | 'start') => {
    runs.setError(null);
    setNotice(null);
    try {
      const retried = await runsApi.retry(run.id, from);
      setNotice(`Retried: the run is ${RUN_STATUS_LABELS[retried.status].toLowerCase()}.`);
    } catch (caught) {
      runs.setError(apiErrorMessage(caught, 'The run could not be retried.'));
    }
    await runs.reload();
  };

  return (
    <main className="list-page business-page">
      <h1>Runs that need attention</h1>
      <p className="muted">Failed runs and runs in doubt, with the reason. A retry goes on from the failed step, or starts over.</p>
      {runs.error && (
        <p className="problem" role="alert">
          {runs.error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {runs.value === null ? (
        <p>Loading…</p>
      ) : runs.value.length === 0 ? (
        <p className="empty-state">No failed runs. Everything went through.</p>
      ) : (
        <table className="settings-table business-table">
          <TableHead columns={['Flow', 'Status', 'Reason', 'Started']} />
          <tbody>
            {runs.value.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td>
                  {flowNames.get(run.flow_id) ?? 'Deleted flow'}
                  <br />
                  <a
                    href={`/contacts/${run.contact_id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'contact', contactId: run.contact_id });
                    }}
                  >
                    Contact
                  </a>
                </td>
                <td>
                  <span className={`status status-run-${run.status}`}>{RUN_STATUS_LABELS[run.status]}</span>
                </td>
                <td className="run-reason">{runReason(run.status, run.error)}</td>
                <td>{dateTimeFormat.format(new Date(run.started_at))}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => void retry(run, 'failed_step')}>
                    Retry
                  </button>
                  <button type="button" className="secondary" onClick={() => void retry(run, 'start')}>
                    Start over
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
