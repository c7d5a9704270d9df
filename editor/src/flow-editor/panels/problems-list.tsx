import type { FlowProblem } from '@dmflow/shared';

/** The flow's problems; clicking one selects the block it is about. */
export function ProblemsList({
  errors,
  warnings,
  onSelectNode,
}: {
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
  const item = (problem: FlowProblem, kind: 'error' | 'warning', index: number) => (
    <li key={`${kind}-${index}`} className={`problem-item problem-${kind}`}>
      {problem.nodeId ? (
        <button type="button" className="link-button" onClick={() => onSelectNode(problem.nodeId as string)}>
          {problem.message}
        </button>
      ) : (
        problem.message
      )}
    </li>
  );
  return (
    <div className="problems" role="alert" data-testid="problems">
      {errors.length > 0 && (
        <h3>
          {errors.length} problem{errors.length === 1 ? '' : 's'} to fix before publishing
        </h3>
      )}
      <ul>
        {errors.map((problem, index) => item(problem, 'error', index))}
        {warnings.map((problem, index) => item(problem, 'warning', index))}
      </ul>
    </div>
  );
}
