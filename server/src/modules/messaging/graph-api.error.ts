/** How the engine should react to a Graph API failure. */
export type GraphErrorKind = 'rate_limited' | 'window_closed' | 'invalid_token' | 'recipient_unavailable' | 'transient' | 'rejected';

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80006]);
const TRANSIENT_CODES = new Set([1, 2]);
const WINDOW_CLOSED_SUBCODES = new Set([2018278, 2534022]);

export class GraphApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number | null,
    readonly subcode: number | null,
    message: string,
    readonly fbtraceId: string | null,
    /** The body Meta answered, passed through unchanged where an API caller should see it. */
    readonly body: unknown,
    /** No answer came back for a call that may have reached Meta (a timeout, a dropped connection): it may have taken effect. */
    readonly inDoubt = false,
  ) {
    super(message);
  }

  get kind(): GraphErrorKind {
    if (this.code !== null && RATE_LIMIT_CODES.has(this.code)) return 'rate_limited';
    if (this.code === 10 && this.subcode !== null && WINDOW_CLOSED_SUBCODES.has(this.subcode)) return 'window_closed';
    if (this.code === 190) return 'invalid_token';
    if (this.code === 551) return 'recipient_unavailable';
    if ((this.code !== null && TRANSIENT_CODES.has(this.code)) || this.httpStatus >= 500 || this.httpStatus === 0) return 'transient';
    return 'rejected';
  }

  /** Meta gave this answer itself; otherwise no answer came back (unreachable, or in doubt). */
  get answeredByMeta(): boolean {
    return this.httpStatus !== 0;
  }

  /** A call in doubt is never repeated: a person cannot dedupe a second DM. */
  get retryable(): boolean {
    if (this.inDoubt) return false;
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}

interface MetaErrorBody {
  error?: { message?: string; code?: number; error_subcode?: number; fbtrace_id?: string };
}

export function parseGraphError(httpStatus: number, body: unknown): GraphApiError {
  const error = (body as MetaErrorBody | null)?.error;
  return new GraphApiError(
    httpStatus,
    typeof error?.code === 'number' ? error.code : null,
    typeof error?.error_subcode === 'number' ? error.error_subcode : null,
    error?.message ?? `Graph API answered HTTP ${httpStatus}`,
    error?.fbtrace_id ?? null,
    body,
  );
}
