// Throttling and "try again" codes (reference/meta-instagram-api.md §4): Meta did not say no, only not now.
const RETRY_LATER_CODES = new Set([1, 2, 4, 17, 32, 613, 80001, 80002, 80006]);

/** A failed Business Login call. `refused`: Meta answered and said no (retrying the same call will not help). */
export class InstagramLoginError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number | null,
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
  }
}

interface GraphErrorBody {
  error?: { message?: unknown; code?: unknown };
  error_type?: unknown;
  error_message?: unknown;
  code?: unknown;
}

/**
 * Meta answers in two shapes: the Graph envelope `{error: {message, code}}` (graph.instagram.com) and the flat
 * `{error_type, code, error_message}` of api.instagram.com's code exchange.
 */
export function parseLoginError(httpStatus: number, body: unknown): InstagramLoginError {
  const parsed = (typeof body === 'object' && body !== null ? body : {}) as GraphErrorBody;
  const envelope = typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : null;
  const rawCode = envelope ? envelope.code : parsed.code;
  const code = typeof rawCode === 'number' ? rawCode : null;
  const rawMessage = envelope ? envelope.message : parsed.error_message;
  const message = typeof rawMessage === 'string' ? rawMessage : `Instagram answered HTTP ${httpStatus}`;
  const refused = httpStatus >= 400 && httpStatus < 500 && !(code !== null && RETRY_LATER_CODES.has(code));
  return new InstagramLoginError(httpStatus, code, message, refused);
}
