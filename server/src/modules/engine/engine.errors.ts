import { DomainError } from '../../core/errors/domain-error';

export const EngineErrors = {
  flowVersionNotFound: (flowVersionId: string) => new DomainError('flow_version_not_found', `Flow version ${flowVersionId} not found`),
  contactNotFound: (contactId: string) => new DomainError('contact_not_found', `Contact ${contactId} not found`),
  runNotFound: (runId: string) => new DomainError('run_not_found', `Run ${runId} not found`),
  runNotOpen: (runId: string, status: string) => new DomainError('run_not_open', `Run ${runId} has already ended (${status})`),
  runChangedWhileRetrying: (runId: string) =>
    new DomainError('run_changed', `Run ${runId} changed while retrying (another retry?); reload it`),
  runAlreadyRetried: (runId: string | undefined) =>
    new DomainError('run_already_retried', `Run ${runId} has already been retried from the start`),
  runNotFailed: (runId: string, status: string) =>
    new DomainError('run_not_failed', `Only a failed run can be retried; run ${runId} is ${status}`),
  runNotResumable: (runId: string, error: string) =>
    new DomainError(
      'run_not_resumable',
      `Run ${runId} failed inside the flow (${error}), not at an effect; it cannot resume from its step. Retry it with {"from":"start"}.`,
    ),
  sendInDoubt: (effectType: string, nodeId: string) =>
    new DomainError(
      'send_in_doubt',
      `The ${effectType} at node ${nodeId} may have reached Instagram before it failed; it is not sent again. Retry with {"from":"start"} to start over.`,
    ),
  flowDeleted: (runId: string) => new DomainError('flow_deleted', `The flow of run ${runId} was deleted; it cannot start again`),
  // 409 here, unlike analytics' 404 for the same code: a retry conflicts with the flow's state rather than naming a missing thing.
  flowNotPublished: (runId: string) =>
    new DomainError('flow_not_published', `The flow of run ${runId} has no published version`, { status: 409 }),
  runInProgress: (openRunId: string | null) =>
    new DomainError(
      'run_in_progress',
      openRunId
        ? `The contact has an open run of this flow (${openRunId}); cancel it or let it finish first`
        : 'The contact has an open run of this flow',
      { details: openRunId ? [{ field: 'run_id', message: openRunId }] : undefined },
    ),
};
