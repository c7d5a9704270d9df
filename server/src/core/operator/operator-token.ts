import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors/domain-error';

/** The token in `Authorization: Bearer <token>`, or the password of `Authorization: Basic` (what a browser prompt sends). */
export function presentedToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (!credentials) return null;
  if (/^bearer$/i.test(scheme)) return credentials;
  if (!/^basic$/i.test(scheme)) return null;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

/** Constant-time comparison of two secrets of any length (their digests have one length). */
export function tokenMatches(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Refuses the request unless it presents the configured operator token. `setting` names the variable in the
 * message, so an operator who forgot to set it learns what to do.
 */
export function checkOperatorToken(authorization: string | undefined, expected: string | null, setting: string): void {
  if (!expected) throw new DomainError('operator_token_required', `This endpoint is closed: set ${setting} and send it as a bearer token.`);
  const presented = presentedToken(authorization);
  if (!presented) throw new DomainError('operator_token_required', `Send ${setting} as a bearer token (Authorization: Bearer ...).`);
  if (!tokenMatches(presented, expected)) throw new DomainError('invalid_operator_token', `The token does not match ${setting}.`);
}
