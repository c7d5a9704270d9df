import type { Request, Response } from 'express';
import { parse } from 'cookie';
import type { SessionConfig } from '../../../core/config/config';

export const SESSION_COOKIE = 'dmflow_session';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionTokenFromRequest(request: Request): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return parse(header)[SESSION_COOKIE] || null;
}

/** Secure when configured so, or (auto) when the request came over https, as Express sees it with TRUST_PROXY. */
function isSecure(request: Request, config: SessionConfig): boolean {
  return config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && request.secure);
}

/** HttpOnly (scripts never read it), SameSite=Lax (other sites' forms and fetches do not carry it), Path=/. */
export function setSessionCookie(request: Request, response: Response, token: string, config: SessionConfig): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request, config),
    path: '/',
    maxAge: config.ttlHours * 60 * 60 * 1000,
  });
}

export function clearSessionCookie(request: Request, response: Response, config: SessionConfig): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: isSecure(request, config), path: '/' });
}

/**
 * Credential-less writes that set a cookie (set-up, sign-in, accepting an invite) must come from this origin: a
 * browser says where a request came from in Sec-Fetch-Site and Origin; tools that send neither are not browsers.
 */
export function isCrossSite(request: Request): boolean {
  const fetchSite = request.header('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.header('origin');
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.header('host');
  } catch {
    return true;
  }
}
