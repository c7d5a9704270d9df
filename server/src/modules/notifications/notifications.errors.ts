import { DomainError } from '../../core/errors/domain-error';

export const NotificationErrors = {
  notFound: (id: string) => new DomainError('notification_not_found', `You have no notification ${id}.`),
};
