import { type FlowGraph, validateFlow } from '@dmflow/shared';
import { useMemo, useState } from 'react';

/** The flow's problems, always computed; shown on the blocks once the author asked (Check or Publish). */
export function useFlowChecks(graph: FlowGraph) {
  const [shown, setShown] = useState(false);
  const validation = useMemo(() => validateFlow(graph), [graph]);
  const problemsByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    if (!shown) return map;
    for (const problem of validation.errors)
      if (problem.nodeId) map.set(problem.nodeId, [...(map.get(problem.nodeId) ?? []), problem.message]);
    return map;
  }, [validation, shown]);
  return { validation, shown, show: () => setShown(true), problemsByNode };
}
