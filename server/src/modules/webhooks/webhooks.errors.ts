import { DomainError } from '../../core/errors/domain-error';

export const WebhookErrors = {
  urlNotAbsolute: () => new DomainError('invalid_url', 'url must be an absolute http:// or https:// URL.'),
  urlNotHttp: () => new DomainError('invalid_url', 'url must start with http:// or https://.'),
  urlWithCredentials: () => new DomainError('invalid_url', 'url must not contain credentials; use extra_headers for authentication.'),
  privateUrlRefused: (message: string) => new DomainError('private_url_refused', message),
  unresolvableUrl: (reason: string) => new DomainError('unresolvable_url', `The host of url could not be resolved: ${reason}`),
  reservedHeader: (name: string) => new DomainError('reserved_header', `extra_headers must not set ${name}: dmflow sets it itself.`),
  webhookNotFound: (id: string) => new DomainError('webhook_not_found', `No webhook endpoint with id ${id}.`),
  deliveryInProgress: () => new DomainError('delivery_in_progress', 'This delivery is being sent right now; try again in a few seconds.'),
  deliveryNotFound: (deliveryId: string) => new DomainError('delivery_not_found', `No delivery with id ${deliveryId} for this webhook.`),
};
