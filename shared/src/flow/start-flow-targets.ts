import type { FlowGraph } from './flow-graph';
import type { FlowProblem, FlowValidation } from './flow-problem';
import { blockName } from './validate-flow';

/** The flows a graph's "Start another flow" blocks hand over to, with their nodes; `''` where none is chosen yet. */
export function startFlowTargets(graph: FlowGraph): Array<{ nodeId: string; flowId: string }> {
  return graph.nodes.flatMap((node) => {
    if (node.type !== 'start_flow') return [];
    const flowId = (node.data?.config as { flowId?: unknown } | undefined)?.flowId;
    return [{ nodeId: node.id, flowId: typeof flowId === 'string' ? flowId : '' }];
  });
}

/**
 * Adds the problems only the server can see to a flow's validation: a "Start another flow" block must name a
 * published, not deleted flow of the same workspace (`publishedFlowIds`: those among the graph's targets).
 */
export function withStartFlowTargetProblems(
  graph: FlowGraph,
  validation: FlowValidation,
  publishedFlowIds: ReadonlySet<string>,
): FlowValidation {
  const reported = new Set(validation.errors.filter((problem) => problem.field === 'flowId').map((problem) => problem.nodeId));
  const problems: FlowProblem[] = startFlowTargets(graph)
    .filter(({ nodeId, flowId }) => !publishedFlowIds.has(flowId) && !reported.has(nodeId))
    .map(({ nodeId }) => ({
      nodeId,
      field: 'flowId',
      block: blockName(graph, nodeId),
      message: 'flowId: choose a published flow of this workspace to start',
    }));
  if (!problems.length) return validation;
  return { valid: false, errors: [...validation.errors, ...problems], warnings: [] };
}
