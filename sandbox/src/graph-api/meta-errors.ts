/** Meta's error envelope (reference/meta-instagram-api.md §5) for the failures the sandbox can inject. */
export const FAILURE_KINDS = [
  'rate_limit',
  'buc_rate_limit',
  'window_closed',
  'invalid_token',
  'recipient_unavailable',
  'invalid_parameter',
  'server_error',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface MetaError {
  status: number;
  code: number;
  subcode?: number;
  message: string;
  type: string;
}

export const META_ERRORS: Record<FailureKind, MetaError> = {
  rate_limit: { status: 400, code: 613, message: 'Calls to this api have exceeded the rate limit.', type: 'OAuthException' },
  buc_rate_limit: {
    status: 400,
    code: 80002,
    message: 'There have been too many calls to this Instagram account. Wait a bit and try again.',
    type: 'OAuthException',
  },
  window_closed: {
    status: 400,
    code: 10,
    subcode: 2018278,
    message: '(#10) This message is sent outside of allowed window.',
    type: 'OAuthException',
  },
  invalid_token: {
    status: 400,
    code: 190,
    subcode: 463,
    message: 'Error validating access token: Session has expired.',
    type: 'OAuthException',
  },
  recipient_unavailable: { status: 400, code: 551, message: "(#551) This person isn't available right now.", type: 'OAuthException' },
  invalid_parameter: { status: 400, code: 100, message: '(#100) Invalid parameter', type: 'OAuthException' },
  server_error: {
    status: 500,
    code: 2,
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
  },
};

export function metaErrorBody(error: MetaError, traceId: string): { error: Record<string, unknown> } {
  return {
    error: {
      message: error.message,
      type: error.type,
      code: error.code,
      ...(error.subcode !== undefined ? { error_subcode: error.subcode } : {}),
      fbtrace_id: traceId,
    },
  };
}
