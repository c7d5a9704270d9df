import { DomainError, FieldProblem } from '../../core/errors/domain-error';

export const FlowErrors = {
  notFound: (id: string) => new DomainError('flow_not_found', `No flow with id ${id}.`),
  versionNotFound: (id: string, versionId: string) => new DomainError('flow_version_not_found', `Flow ${id} has no version ${versionId}.`),
  invalidDocument: (problem: string) => new DomainError('invalid_flow_document', problem),
  tooLarge: (problem: string) => new DomainError('flow_too_large', problem),
  limitReached: (limit: number) =>
    new DomainError('flow_limit_reached', `An account has at most ${limit} flows; delete one first (FLOWS_MAX_PER_ACCOUNT).`),
  revisionConflict: (revision: number, currentRevision: number) =>
    new DomainError(
      'revision_conflict',
      `The flow was saved by someone else since revision ${revision} (it is now at revision ${currentRevision}). Reload it before saving again.`,
    ),
  invalid: (problemCount: number, details: FieldProblem[]) =>
    new DomainError('flow_invalid', `The flow has ${problemCount} problem(s) to fix before publishing.`, { details }),
};
