import type { FlowGraph, FlowProblem } from '@dmflow/shared';
import { describeProblem } from '../problem-text';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The flow's problems, each naming its block; clicking one selects that block. Warnings get their own, amber box. */
export function ProblemsList({
  graph,
  errors,
  warnings,
  onSelectNode,
}: {
  graph: FlowGraph;
  errors: FlowProblem[];
  warnings: FlowProblem[];
  onSelectNode: (nodeId: string) => void;
}) {
  if (errors.length === 0 && warnings.length === 0) {
    return (
      <p className="problems-ok" role="status">
        ✓ No problems found.
      </p>
    );
  }
  const item = (problem: FlowProblem, index: number) => (
    <li key={index} className="problem-item">
      {problem.nodeId ? (
        <button type="button" className="link-button" onClick={() => onSelectNode(problem.nodeId as string)}>
          {describeProblem(graph, problem)}
        </button>
      ) : (
        describeProblem(graph, problem)
      )}
    </li>
  );
  return (
    <>
      {errors.length > 0 && (
        <section className="problems problems-errors" aria-label="Problems" data-testid="problems">
          <h3>{plural(errors.length, 'problem')} to fix before publishing</h3>
          <ul>{errors.map(item)}</ul>
        </section>
      )}
      {warnings.length > 0 && (
        <section className="problems problems-warnings" aria-label="Warnings" data-testid="warnings">
          <h3>{plural(warnings.length, 'warning')}: the flow can be published, but read this first</h3>
          <ul>{warnings.map(item)}</ul>
        </section>
      )}
    </>
  );
}
