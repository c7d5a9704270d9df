import type { FlowSummaryView } from '@dmflow/shared';
import { useContext, useEffect, useState } from 'react';
import { ApiClientContext } from '../api/use-instagram-api';
import { apiErrorMessage } from '../api/api-errors';
import { FlowsApi } from '../api/flows-api';

interface FlowFieldProps {
  inputProps: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
  value: string;
  onChange: (flowId: string) => void;
}

/** A flow picked by name: the account's published flows; a chosen flow no longer published stays visible as such. */
export function FlowField({ inputProps, value, onChange }: FlowFieldProps) {
  const client = useContext(ApiClientContext);
  const [flows, setFlows] = useState<FlowSummaryView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    let current = true;
    new FlowsApi(client)
      .listAll()
      .then((all) => current && setFlows(all))
      .catch((caught: unknown) => current && setProblem(apiErrorMessage(caught, 'Could not load your flows.')));
    return () => {
      current = false;
    };
  }, [client]);

  // Without a session (unit tests) the id is typed.
  if (!client) return <input {...inputProps} type="text" value={value} onChange={(event) => onChange(event.target.value)} />;
  if (problem) return <p className="field-problems">{problem}</p>;
  const published = (flows ?? []).filter((flow) => flow.published_version_id !== null);
  const chosen = (flows ?? []).find((flow) => flow.id === value);
  return (
    <select {...inputProps} value={value} disabled={flows === null} onChange={(event) => onChange(event.target.value)}>
      <option value="">{flows === null ? 'Loading flows…' : 'Choose a published flow'}</option>
      {chosen && chosen.published_version_id === null && <option value={chosen.id}>{chosen.name} (not published)</option>}
      {value && flows !== null && !chosen && <option value={value}>A deleted flow</option>}
      {published.map((flow) => (
        <option key={flow.id} value={flow.id}>
          {flow.name}
        </option>
      ))}
    </select>
  );
}
