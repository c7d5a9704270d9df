import type { InstagramLogins, TestBusiness, TestBusinessInput } from './instagram-logins';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** A test business as the control API shows it, in Meta's field names. */
export interface TestBusinessView {
  user_id: string;
  app_scoped_id: string;
  username: string;
  profile_picture_url: string;
  subscribed_fields: string[];
}

const USER_PATH = /^\/_sandbox\/instagram-users\/([^/]+)\/revoke-tokens$/;

function view(logins: InstagramLogins, business: TestBusiness): TestBusinessView {
  return {
    user_id: business.userId,
    app_scoped_id: business.appScopedId,
    username: business.username,
    profile_picture_url: business.profilePictureUrl,
    subscribed_fields: logins.subscriptions.get(business.userId) ?? [],
  };
}

function parseInput(input: unknown): TestBusinessInput | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'a test business must be a JSON object';
  const fields = input as Record<string, unknown>;
  for (const name of ['user_id', 'username', 'profile_picture_url', 'access_token'] as const) {
    if (fields[name] !== undefined && (typeof fields[name] !== 'string' || !fields[name])) return `${name} must be a non-empty string`;
  }
  if (fields.user_id !== undefined && !/^\d{1,32}$/.test(fields.user_id as string))
    return 'user_id must be digits (an Instagram account id)';
  const expiresIn = fields.token_expires_in;
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 0))
    return 'token_expires_in must be a whole number of seconds';
  return fields;
}

/**
 * The control API of the login sandbox: POST /_sandbox/instagram-users registers a test business (and maps a token
 * to it), GET lists them with their webhook subscriptions, POST /_sandbox/instagram-users/<id>/revoke-tokens makes
 * Meta refuse every token of that business. Null for other paths.
 */
export function instagramLoginControl(logins: InstagramLogins, method: string, path: string, body: unknown): ControlAnswer | null {
  if (path === '/_sandbox/instagram-users' && method === 'GET')
    return { status: 200, body: { data: logins.list().map((business) => view(logins, business)) } };
  if (path === '/_sandbox/instagram-users' && method === 'POST') {
    const input = parseInput(body);
    if (typeof input === 'string') return { status: 400, body: { error: input } };
    const { business, accessToken } = logins.register(input);
    return { status: 201, body: { ...view(logins, business), access_token: accessToken } };
  }
  const revoke = USER_PATH.exec(path);
  if (revoke && method === 'POST') {
    if (!logins.find(revoke[1])) return { status: 404, body: { error: `no test business ${revoke[1]}` } };
    return { status: 200, body: { revoked: logins.revokeTokensOf(revoke[1]) } };
  }
  return null;
}
