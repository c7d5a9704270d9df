import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import { AppExceptionWithHeaders } from '../../core/errors/app-exception-with-headers';

export { AppExceptionWithHeaders };
import type { GraphApiError } from '../messaging/graph-api.error';

/** Meta refused: InstantDM passes its status through; we add Meta's error object for the caller. */
export class InstagramApiException extends AppExceptionWithHeaders {
  constructor(
    readonly graphError: GraphApiError,
    headers: Record<string, string> = {},
  ) {
    const status = graphError.httpStatus >= 400 && graphError.httpStatus <= 599 ? graphError.httpStatus : HttpStatus.BAD_GATEWAY;
    super(status, 'instagram_api_error', 'Instagram API error', headers);
  }
}

export const API_ACCESS_REQUIRES_HIGHER_PLAN = () => new AppException(HttpStatus.FORBIDDEN, 'plan_without_api_access', 'API access requires higher plan');
export const INSUFFICIENT_CREDITS = () => new AppException(HttpStatus.PAYMENT_REQUIRED, 'insufficient_credits', 'Insufficient credits. Please upgrade or purchase top-up credits.');
export const NO_INSTAGRAM_TOKEN = () => new AppException(HttpStatus.NOT_FOUND, 'no_instagram_token', 'No Instagram access token found');
export const UNSUPPORTED_CONTENT_TYPE = () => new AppException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Content-Type must be application/json');
