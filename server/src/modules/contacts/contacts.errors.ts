import { DomainError } from '../../core/errors/domain-error';

export const ContactErrors = {
  notFound: (id: string) => new DomainError('contact_not_found', `No contact with id ${id}.`),
};
