import { type FlowGraph, type FlowProblem, validateFlow } from '@dmflow/shared';
import { useMemo, useState } from 'react';
import { problemDetail } from './problem-text';

function byNode(graph: FlowGraph, problems: FlowProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const problem of problems)
    if (problem.nodeId) map.set(problem.nodeId, [...(map.get(problem.nodeId) ?? []), problemDetail(graph, problem)]);
  return map;
}

/**
 * The flow's problems, always computed. Errors show on the blocks once the author asked (Check or Publish);
 * warnings (Instagram's messaging rules) show as soon as the flow is otherwise complete, because nothing else tells.
 */
export function useFlowChecks(graph: FlowGraph) {
  const [shown, setShown] = useState(false);
  const validation = useMemo(() => validateFlow(graph), [graph]);
  const problemsByNode = useMemo(
    () => (shown ? byNode(graph, validation.errors) : new Map<string, string[]>()),
    [graph, validation, shown],
  );
  const warningsByNode = useMemo(() => byNode(graph, validation.warnings), [graph, validation]);
  return { validation, shown, show: () => setShown(true), problemsByNode, warningsByNode };
}
