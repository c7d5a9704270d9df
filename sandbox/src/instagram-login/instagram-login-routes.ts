import type { GraphAnswer } from '../graph-api/graph-api-routes';
import { META_ERRORS, type MetaError } from '../graph-api/meta-errors';
import type { InstagramLogins, IssuedToken } from './instagram-logins';

/** The Meta app the sandbox plays the part of; a value left out is not checked. */
export interface SandboxApp {
  appId?: string;
  appSecret?: string;
}

const OWN_OBJECT_PATH = /^\/([A-Za-z0-9_.-]+)\/(messages|subscribed_apps)$/;
const SUBSCRIBED_APPS_PATH = /^\/([A-Za-z0-9_.-]+)\/subscribed_apps$/;

const graphError = (error: MetaError): GraphAnswer => ({ status: error.status, error });

const unparsableToken = graphError({
  ...META_ERRORS.invalid_token,
  subcode: undefined,
  message: 'Invalid OAuth access token - Cannot parse access token',
});

function tokenError(issued: IssuedToken): GraphAnswer {
  return issued.revoked
    ? graphError({
        ...META_ERRORS.invalid_token,
        subcode: 460,
        message:
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      })
    : graphError({ ...META_ERRORS.invalid_token, subcode: 463, message: 'Error validating access token: Session has expired.' });
}

/** api.instagram.com answers OAuth failures in its own flat shape, not the Graph envelope. */
function oauthError(message: string): GraphAnswer {
  return { status: 400, body: { error_type: 'OAuthException', code: 400, error_message: message } };
}

const missing = (name: string): GraphAnswer =>
  graphError({ ...META_ERRORS.invalid_parameter, message: `(#100) The parameter ${name} is required` });

function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * A token the sandbox issued that is revoked or expired is refused on every Graph call, and one that names another
 * account's id in the path is refused as Meta does (no such object for this token). Tokens it never issued stay
 * accepted outside /me, so suites that connect accounts with made-up tokens keep sending.
 */
export function tokenProblem(logins: InstagramLogins, token: string | null, path: string): GraphAnswer | null {
  const issued = token ? logins.lookup(token) : null;
  if (!issued) return null;
  if (!logins.isUsable(issued)) return tokenError(issued);
  const own = OWN_OBJECT_PATH.exec(path)?.[1];
  const business = logins.find(issued.userId);
  if (own && own !== 'me' && own !== issued.userId && own !== business?.appScopedId)
    return graphError({
      ...META_ERRORS.invalid_parameter,
      subcode: 33,
      message: `Unsupported post request. Object with ID '${own}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    });
  return null;
}

function exchangeCode(logins: InstagramLogins, app: SandboxApp, form: unknown): GraphAnswer {
  for (const name of ['client_id', 'client_secret', 'grant_type', 'redirect_uri', 'code']) {
    if (!field(form, name)) return oauthError(`Missing required field ${name}`);
  }
  if (field(form, 'grant_type') !== 'authorization_code') return oauthError('Invalid grant_type');
  if (app.appId && field(form, 'client_id') !== app.appId) return oauthError('Invalid platform app');
  if (app.appSecret && field(form, 'client_secret') !== app.appSecret) return oauthError('Error validating client secret.');
  const redeemed = logins.redeemCode(
    field(form, 'code') as string,
    field(form, 'client_id') as string,
    field(form, 'redirect_uri') as string,
  );
  if (typeof redeemed === 'string') return oauthError(redeemed);
  return {
    status: 200,
    body: { access_token: redeemed.token.token, user_id: redeemed.business.appScopedId, permissions: redeemed.scopes.join(',') },
  };
}

/** A usable token of kind `from` for a new long-lived token of the same account: the long-lived exchange and the refresh. */
function tradeForLongLived(logins: InstagramLogins, value: string, from: IssuedToken['kind'], refusal: string): GraphAnswer {
  const issued = logins.lookup(value);
  if (!issued) return unparsableToken;
  if (!logins.isUsable(issued)) return tokenError(issued);
  if (issued.kind !== from) return graphError({ ...META_ERRORS.invalid_parameter, message: refusal });
  const long = logins.issue(issued.userId, 'long_lived');
  return { status: 200, body: { access_token: long.token, token_type: 'bearer', expires_in: logins.secondsLeft(long) } };
}

function longLivedToken(logins: InstagramLogins, app: SandboxApp, query: URLSearchParams): GraphAnswer {
  for (const name of ['grant_type', 'client_secret', 'access_token']) if (!query.get(name)) return missing(name);
  if (query.get('grant_type') !== 'ig_exchange_token') return missing('grant_type=ig_exchange_token');
  if (app.appSecret && query.get('client_secret') !== app.appSecret)
    return graphError({ ...META_ERRORS.invalid_parameter, message: 'Error validating client secret.' });
  return tradeForLongLived(
    logins,
    query.get('access_token') as string,
    'short_lived',
    '(#100) Only short-lived access tokens can be exchanged',
  );
}

function refreshToken(logins: InstagramLogins, query: URLSearchParams): GraphAnswer {
  for (const name of ['grant_type', 'access_token']) if (!query.get(name)) return missing(name);
  if (query.get('grant_type') !== 'ig_refresh_token') return missing('grant_type=ig_refresh_token');
  return tradeForLongLived(
    logins,
    query.get('access_token') as string,
    'long_lived',
    '(#100) Only long-lived access tokens can be refreshed',
  );
}

function me(logins: InstagramLogins, token: string | null, query: URLSearchParams): GraphAnswer {
  const issued = token ? logins.lookup(token) : null;
  if (!issued) return unparsableToken;
  if (!logins.isUsable(issued)) return tokenError(issued);
  const business = logins.find(issued.userId);
  if (!business) return unparsableToken;
  const everything: Record<string, string> = {
    id: business.appScopedId,
    user_id: business.userId,
    username: business.username,
    profile_picture_url: business.profilePictureUrl,
    account_type: 'BUSINESS',
  };
  const fields = (query.get('fields') ?? 'id').split(',').map((name) => name.trim());
  const body = Object.fromEntries(Object.entries(everything).filter(([name]) => name === 'id' || fields.includes(name)));
  return { status: 200, body };
}

function subscribeApp(logins: InstagramLogins, token: string | null, path: string, query: URLSearchParams, body: unknown): GraphAnswer {
  const issued = token ? logins.lookup(token) : null;
  if (!issued) return unparsableToken;
  const fields = query.get('subscribed_fields') ?? field(body, 'subscribed_fields');
  if (!fields) return missing('subscribed_fields');
  const id = SUBSCRIBED_APPS_PATH.exec(path)?.[1] as string;
  logins.subscriptions.set(id === 'me' ? issued.userId : id, fields.split(','));
  return { status: 200, body: { success: true } };
}

/**
 * Business Login for Instagram's token calls, as api.instagram.com and graph.instagram.com answer them: the code
 * exchange, the long-lived exchange, the refresh, /me and subscribed_apps. Null for any other call.
 */
export function answerInstagramLoginCall(
  logins: InstagramLogins,
  app: SandboxApp,
  request: { method: string; path: string; query: URLSearchParams; token: string | null; body: unknown },
): GraphAnswer | null {
  const { method, path, query, token, body } = request;
  if (method === 'POST' && path === '/oauth/access_token') return exchangeCode(logins, app, body);
  if (method === 'GET' && path === '/access_token') return longLivedToken(logins, app, query);
  if (method === 'GET' && path === '/refresh_access_token') return refreshToken(logins, query);
  const problem = tokenProblem(logins, token, path);
  if (problem) return problem;
  if (method === 'GET' && path === '/me') return me(logins, token, query);
  if (method === 'POST' && SUBSCRIBED_APPS_PATH.test(path)) return subscribeApp(logins, token, path, query, body);
  return null;
}
