import { DomainError } from '../../core/errors/domain-error';
import type { GraphApiError } from '../messaging/graph-api.error';

/** Meta refused: InstantDM passes its status through; we add Meta's error object for the caller. */
export class InstagramApiException extends DomainError {
  constructor(
    readonly graphError: GraphApiError,
    headers: Record<string, string> = {},
  ) {
    // Meta's own 4xx/5xx passes through; ERROR_CODES' 502 covers any other answer.
    const passThrough = graphError.httpStatus >= 400 && graphError.httpStatus <= 599 ? graphError.httpStatus : undefined;
    super('instagram_api_error', 'Instagram API error', { headers, status: passThrough });
  }
}

export const ActionApiErrors = {
  planWithoutApiAccess: () => new DomainError('plan_without_api_access', 'API access requires higher plan'),
  insufficientCredits: () => new DomainError('insufficient_credits', 'Insufficient credits. Please upgrade or purchase top-up credits.'),
  noInstagramToken: () => new DomainError('no_instagram_token', 'No Instagram access token found'),
  unsupportedContentType: () => new DomainError('unsupported_media_type', 'Content-Type must be application/json'),
  hourlyRateLimit: (headers: Record<string, string>) =>
    new DomainError('hourly_rate_limit', 'Hourly rate limit reached. Please try again later.', { headers }),
  // The request body, checked before any quota is spent (dto/action-request.ts).
  unknownAction: () => new DomainError('unknown_action', 'Unknown action'),
  invalidType: () => new DomainError('invalid_type', 'type must be "dm" or "comment_reply"'),
  invalidField: (message: string) => new DomainError('invalid_field', message),
  missingMessage: () => new DomainError('missing_message', 'Missing message'),
  invalidMessage: (problem: string) => new DomainError('invalid_message', problem),
  missingRecipientId: () => new DomainError('missing_recipient_id', 'Missing recipient_id'),
  missingCommentId: () => new DomainError('missing_comment_id', 'Missing comment_id for comment_reply'),
  missingCommentFields: () => new DomainError('missing_comment_fields', 'Missing comment_id or comment_text'),
};
