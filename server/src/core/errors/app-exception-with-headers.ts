import { HttpStatus } from '@nestjs/common';
import { AppException } from './app.exception';

/** An AppException whose response also carries headers (e.g. a 429's Retry-After and X-RateLimit-*). */
export class AppExceptionWithHeaders extends AppException {
  constructor(
    status: HttpStatus,
    code: string,
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(status, code, message);
  }
}
