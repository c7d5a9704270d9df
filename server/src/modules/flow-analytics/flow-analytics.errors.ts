import { DomainError } from '../../core/errors/domain-error';

export const FlowAnalyticsErrors = {
  notPublished: (flowId: string) => new DomainError('flow_not_published', `Flow ${flowId} has no published version; pass version_id`),
  versionNotFound: (flowId: string, versionId: string) =>
    new DomainError('flow_version_not_found', `Flow ${flowId} has no version ${versionId}`),
  invalidDateRange: () =>
    new DomainError('invalid_date_range', '`from` must be before `to`', { details: [{ field: 'from', message: 'must be before to' }] }),
  dateRangeTooLong: (maxDays: number) =>
    new DomainError('date_range_too_long', `The range may span at most ${maxDays} days`, {
      details: [{ field: 'to', message: `at most ${maxDays} days after from` }],
    }),
};
