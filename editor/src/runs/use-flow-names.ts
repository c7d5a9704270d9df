import { useEffect, useState } from 'react';
import type { FlowsApi } from '../api/flows-api';

/** Flow names by id, so run lists name the flow rather than show its id. */
export function useFlowNames(flowsApi: FlowsApi): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    flowsApi.listAll().then(
      (flows) => setNames(new Map(flows.map((flow) => [flow.id, flow.name]))),
      () => setNames(new Map()),
    );
  }, [flowsApi]);
  return names;
}
