import { useEffect, useState } from 'react';
import type { FlowVersionView } from '@dmflow/shared';
import { apiErrorMessage } from '../../api/api-errors';
import type { FlowsApi } from '../../api/flows-api';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Published versions, newest first; restoring copies one into the draft. */
export function VersionsPanel({
  flowsApi,
  flowId,
  refreshKey,
  onRestore,
}: {
  flowsApi: FlowsApi;
  flowId: string;
  refreshKey: number;
  onRestore: (version: FlowVersionView) => void;
}) {
  const [versions, setVersions] = useState<FlowVersionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    flowsApi
      .versions(flowId)
      .then((page) => setVersions(page.data))
      .catch((caught: unknown) => setError(apiErrorMessage(caught, 'Could not load the versions.')));
  }, [flowsApi, flowId, refreshKey]);

  return (
    <section className="versions" aria-label="Version history" data-testid="versions">
      <h2>Version history</h2>
      {error && <p className="problem">{error}</p>}
      {versions?.length === 0 && <p>Nothing published yet.</p>}
      <ol>
        {versions?.map((version) => (
          <li key={version.id}>
            <span>
              v{version.version} · {dateFormat.format(new Date(version.published_at))}{' '}
              {version.is_live && <span className="status status-published">Live</span>}
            </span>
            <button type="button" className="link-button" onClick={() => onRestore(version)}>
              Restore
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
