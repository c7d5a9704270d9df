import { ENV } from '../../core/config/config';
import { DomainError } from '../../core/errors/domain-error';

export const MetaErrors = {
  verificationFailed: () => new DomainError('verification_failed', `The webhook verification token does not match ${ENV.metaVerifyToken}.`),
  notJson: () => new DomainError('unsupported_media_type', 'Meta webhooks are sent as Content-Type: application/json.'),
  missingSignature: () => new DomainError('missing_signature', 'X-Hub-Signature-256 is missing.'),
  invalidSignature: () =>
    new DomainError('invalid_signature', `X-Hub-Signature-256 does not match the body signed with ${ENV.metaAppSecret}.`),
  emptyBody: () => new DomainError('empty_body', 'The webhook body is empty.'),
  invalidPayload: (message: string) => new DomainError('invalid_webhook_payload', message),
  tooManyEvents: (count: number, max: number) =>
    new DomainError(
      'too_many_events',
      `The webhook carries ${count} events; at most ${max} are accepted per request (Meta batches at most 1000).`,
    ),
  backlogFull: (backlog: number, max: number, retryAfterSeconds: number) =>
    new DomainError(
      'inbox_backlog_full',
      `${backlog} events are waiting to be processed (INBOX_MAX_BACKLOG is ${max}); deliver this one again after Retry-After seconds.`,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
};
