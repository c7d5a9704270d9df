import { DomainError } from '../../core/errors/domain-error';

export const BroadcastErrors = {
  segmentNotFound: (id: string) => new DomainError('segment_not_found', `No segment with id ${id}.`),
  segmentInUse: (id: string) => new DomainError('segment_in_use', `Segment ${id} is used by a broadcast; it cannot be deleted.`),
  notFound: (id: string) => new DomainError('broadcast_not_found', `No broadcast with id ${id}.`),
  notChangeable: (id: string, change: string, status: string) =>
    new DomainError('broadcast_not_changeable', `Broadcast ${id} is ${status}; it cannot ${change}.`),
  invalid: (message: string) => new DomainError('broadcast_invalid', message),
};
