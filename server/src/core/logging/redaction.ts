/**
 * What never reaches a log line: credentials in headers and in logged objects (pino `redact` paths, one level of
 * nesting for objects), and the same secrets inside free text (URLs with access_token=, bearer tokens, signatures).
 */
const SECRET_KEYS = [
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'verify_token',
  'verifyToken',
  'api_key',
  'apiKey',
  'secret',
  'password',
  'signature',
  'authorization',
  'cookie',
];

const SECRET_HEADERS = [
  'authorization',
  'x-api-key',
  'x-hub-signature-256',
  'x-hub-signature',
  'cookie',
  'set-cookie',
  'x-webhook-signature',
  'webhook-signature',
];

export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `res.headers["${header}"]`, `headers["${header}"]`]),
];

export const CENSOR = '[redacted]';

const SECRET_TEXT: Array<[RegExp, string]> = [
  [/((?:access_token|refresh_token|verify_token|hub\.verify_token|api_key|client_secret|token)=)[^&\s"']+/gi, `$1${CENSOR}`],
  [/(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${CENSOR}`],
  [/sha256=[0-9a-f]{16,}/gi, `sha256=${CENSOR}`],
];

export function scrubSecrets(text: string): string {
  return SECRET_TEXT.reduce((scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement), text);
}
