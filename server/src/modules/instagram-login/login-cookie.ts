import type { Request, Response } from 'express';

/** The browser's half of a login: an HttpOnly cookie only the callback path receives. */
export const LOGIN_COOKIE = 'dmflow_instagram_login';
export const CALLBACK_PATH = '/instagram/oauth';

export function setLoginCookie(response: Response, nonce: string, expiresAt: Date, secure: boolean): void {
  // SameSite=Lax: sent on Instagram's top-level redirect back to the callback, never on cross-site subrequests.
  response.cookie(LOGIN_COOKIE, nonce, { httpOnly: true, sameSite: 'lax', secure, path: CALLBACK_PATH, expires: expiresAt });
}

export function clearLoginCookie(response: Response): void {
  response.clearCookie(LOGIN_COOKIE, { path: CALLBACK_PATH });
}

export function loginCookieOf(request: Request): string | null {
  for (const pair of (request.header('cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === LOGIN_COOKIE)
      return decodeURIComponent(pair.slice(separator + 1).trim()) || null;
  }
  return null;
}
