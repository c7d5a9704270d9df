import { DomainError, FieldProblem } from '../errors/domain-error';

/** Failures of the request's shape, before any domain logic. */
export const HttpErrors = {
  invalidCursor: () => new DomainError('invalid_cursor', 'The cursor is not one this API returned.'),
  validationFailed: (details: FieldProblem[]) =>
    new DomainError('validation_failed', details.map((d) => d.message).join('; ') || 'The request is not valid.', { details }),
  jsonTooDeep: (max: number) => new DomainError('json_too_deep', `The JSON body nests arrays and objects more than ${max} levels deep.`),
};
