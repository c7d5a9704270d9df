import { DomainError, FieldProblem } from '../errors/domain-error';

/** Failures of the request's shape, before any domain logic. */
export const HttpErrors = {
  invalidCursor: () => new DomainError('invalid_cursor', 'The cursor is not one this API returned.'),
  validationFailed: (details: FieldProblem[]) =>
    new DomainError('validation_failed', details.map((d) => d.message).join('; ') || 'The request is not valid.', { details }),
};
