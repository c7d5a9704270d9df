import { InstagramLoginError } from './instagram-login.error';

export interface IssuedToken {
  accessToken: string;
  /** null when Meta did not say how long the token lives (a short-lived one from the code exchange). */
  expiresInSeconds: number | null;
}

/** What GET /me answers for a token: the account the token belongs to. */
export interface InstagramProfile {
  /** The professional account's id: Meta webhooks' entry.id (not /me's `id`, which is app-scoped). */
  igUserId: string;
  username: string;
  profilePictureUrl: string | null;
}

function malformed(what: string): InstagramLoginError {
  return new InstagramLoginError(200, null, `Instagram answered ${what} in a shape dmflow does not know`, true);
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  // Instagram ids sometimes come as JSON numbers; digits past 2^53 are already lost then, so only small ones count.
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : null;
}

/** The code exchange answers `{access_token, user_id, permissions}`, or the same inside `data: [ … ]` as Meta documents it. */
export function parseCodeExchange(body: Record<string, unknown>): IssuedToken {
  const entry = Array.isArray(body.data) ? (body.data[0] as Record<string, unknown> | undefined) : body;
  const accessToken = text(entry?.access_token);
  if (!accessToken) throw malformed('the code exchange');
  return { accessToken, expiresInSeconds: null };
}

/** The long-lived exchange and the refresh answer `{access_token, token_type, expires_in}`. */
export function parseIssuedToken(body: Record<string, unknown>): IssuedToken {
  const accessToken = text(body.access_token);
  if (!accessToken) throw malformed('a token');
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : null;
  return { accessToken, expiresInSeconds: expiresIn };
}

export function parseProfile(body: Record<string, unknown>): InstagramProfile {
  const igUserId = text(body.user_id);
  const username = text(body.username);
  if (!igUserId || !/^\d{1,32}$/.test(igUserId) || !username) throw malformed('/me');
  return { igUserId, username, profilePictureUrl: text(body.profile_picture_url) };
}

export function expiryOf(token: IssuedToken, now: Date): Date | null {
  return token.expiresInSeconds === null ? null : new Date(now.getTime() + token.expiresInSeconds * 1000);
}
