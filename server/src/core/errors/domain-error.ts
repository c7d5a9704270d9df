import { ERROR_CODES, ErrorCode } from '@dmflow/shared';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  details?: FieldProblem[];
  /** Sent with the error response, e.g. a 429's Retry-After and X-RateLimit-*. */
  headers?: Record<string, string>;
  /** Only where a code answers another status than its ERROR_CODES entry today; keep these rare. */
  status?: number;
}

/**
 * A domain failure with a stable machine-readable code; the global filter turns it into the error envelope and
 * takes the HTTP status from the code's ERROR_CODES entry, so domain code never picks one.
 */
export class DomainError extends Error {
  readonly details?: FieldProblem[];
  readonly headers: Record<string, string>;
  private readonly statusOverride?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.statusOverride = options.status;
  }

  get status(): number {
    return this.statusOverride ?? ERROR_CODES[this.code].status;
  }
}
