import { DomainError } from '../../core/errors/domain-error';

export const ContactErrors = {
  notFound: (id: string) => new DomainError('contact_not_found', `No contact with id ${id}.`),
  optOutKeywordClash: (keyword: string) =>
    new DomainError('opt_out_keyword_clash', `"${keyword}" cannot be both a stop keyword and a re-subscribe keyword.`),
};
