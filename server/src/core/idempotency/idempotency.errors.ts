import { DomainError } from '../errors/domain-error';

export const IdempotencyErrors = {
  invalidKey: () => new DomainError('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.'),
  reused: () => new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.'),
  inProgress: () =>
    new DomainError(
      'idempotency_key_in_progress',
      'A request with this Idempotency-Key is in progress or was interrupted; it is not repeated.',
    ),
};
