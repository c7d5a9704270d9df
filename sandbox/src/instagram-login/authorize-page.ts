import type { SandboxApp } from './instagram-login-routes';
import type { InstagramLogins } from './instagram-logins';

/** What the authorize page answers: an HTML page, or a redirect back to the app. */
export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const REQUIRED_SCOPE = 'instagram_business_basic';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(status: number, title: string, content: string): PageAnswer {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
label,select,button{display:block;margin:.5rem 0}button{padding:.5rem 1rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
}

/** The query (GET) or form (POST) of an authorize request, or why it is not one Instagram would accept. */
function readAuthorizeRequest(app: SandboxApp, params: URLSearchParams): AuthorizeRequest | string {
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (!clientId) return 'client_id is missing.';
  if (app.appId && clientId !== app.appId) return 'Invalid platform app: this client_id is not the sandbox app.';
  if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return 'redirect_uri is missing or is not an http(s) URL.';
  if (params.get('response_type') !== 'code') return 'response_type must be "code".';
  const scopes = (params.get('scope') ?? '')
    .split(/[,\s]+/)
    .map((scope) => scope.trim())
    .filter(Boolean);
  if (!scopes.includes(REQUIRED_SCOPE)) return `scope must include ${REQUIRED_SCOPE}.`;
  return { clientId, redirectUri, scopes, state: params.get('state') };
}

function redirect(to: URL): PageAnswer {
  // Instagram appends "#_" to the redirect; browsers keep fragments out of the request, so the app never sees it.
  return { status: 302, headers: { Location: `${to.toString()}#_` }, body: '' };
}

/** GET /oauth/authorize: "Log in as test business", with a choice of which test business. */
export function authorizePage(logins: InstagramLogins, app: SandboxApp, query: URLSearchParams): PageAnswer {
  const request = readAuthorizeRequest(app, query);
  if (typeof request === 'string') return page(400, 'Invalid request', `<p role="alert">${escapeHtml(request)}</p>`);
  const preferred = logins.defaultBusiness();
  const options = logins
    .list()
    .map(
      (business) =>
        `<option value="${escapeHtml(business.userId)}"${business.userId === preferred.userId ? ' selected' : ''}>@${escapeHtml(business.username)} (${escapeHtml(business.userId)})</option>`,
    )
    .join('');
  const hidden = (['client_id', 'redirect_uri', 'response_type', 'scope', 'state'] as const)
    .filter((name) => query.get(name) !== null)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) as string)}">`)
    .join('');
  return page(
    200,
    'Log in to Instagram (sandbox)',
    `<p>App <strong>${escapeHtml(request.clientId)}</strong> asks to manage: ${request.scopes.map(escapeHtml).join(', ')}.</p>
<form method="post" action="/oauth/authorize">${hidden}
<label for="user_id">Test business</label><select id="user_id" name="user_id">${options}</select>
<button type="submit" name="decision" value="allow">Log in as test business</button>
<button type="submit" name="decision" value="deny">Not now</button>
</form>`,
  );
}

/** POST /oauth/authorize (the page's form): back to the app with a one-time code, or with access_denied. */
export function submitAuthorization(logins: InstagramLogins, app: SandboxApp, form: URLSearchParams): PageAnswer {
  const request = readAuthorizeRequest(app, form);
  if (typeof request === 'string') return page(400, 'Invalid request', `<p role="alert">${escapeHtml(request)}</p>`);
  const target = new URL(request.redirectUri);
  if (request.state !== null) target.searchParams.set('state', request.state);
  if (form.get('decision') === 'deny') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_reason', 'user_denied');
    target.searchParams.set('error_description', 'The user denied your request.');
    return redirect(target);
  }
  const business = logins.find(form.get('user_id') ?? '') ?? logins.defaultBusiness();
  target.searchParams.set('code', logins.issueCode(request.clientId, request.redirectUri, business.userId, request.scopes));
  return redirect(target);
}
