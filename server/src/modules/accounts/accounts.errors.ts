import { DomainError } from '../../core/errors/domain-error';

export const AccountErrors = {
  missingApiKey: () => new DomainError('missing_api_key', 'Missing API key'),
  invalidApiKey: () => new DomainError('invalid_api_key', 'Invalid API key'),
  unknownPlan: (plan: string, planIds: readonly string[]) =>
    new DomainError('unknown_plan', `Unknown plan "${plan}"; plans: ${planIds.join(', ')}.`),
  invalidCredits: () => new DomainError('invalid_credits', 'Credits must be a whole number of 0 or more.'),
  invalidHourlyLimit: () => new DomainError('invalid_hourly_limit', 'The hourly limit must be a whole number above 0.'),
  accountNotFound: (id: string) => new DomainError('account_not_found', `No account with id ${id}.`),
  planWithoutApiKeys: () => new DomainError('plan_without_api_keys', 'API keys require higher plan'),
  apiKeyNotFound: (keyId: string) => new DomainError('api_key_not_found', `No active API key with id ${keyId}.`),
  instagramTokenRequired: () =>
    new DomainError(
      'instagram_token_required',
      'Another workspace holds this Instagram account: connecting it here needs a valid access token for it (--token).',
    ),
  instagramAccountNotFound: () => new DomainError('instagram_account_not_found', 'No connected Instagram account with that id.'),
  unknownTimeZone: (zone: string) =>
    new DomainError('unknown_time_zone', `"${zone}" is not an IANA time zone; use a name like Europe/London or America/New_York.`, {
      details: [{ field: 'time_zone', message: 'not an IANA time zone name' }],
    }),
  invalidLocale: (locale: string) =>
    new DomainError('invalid_locale', `"${locale}" is not a BCP 47 locale; use a tag like en-US or en-GB.`, {
      details: [{ field: 'locale', message: 'not a BCP 47 locale tag' }],
    }),
};

/** Sign-in, sessions, roles and workspaces. */
export const PeopleErrors = {
  notSignedIn: () => new DomainError('not_signed_in', 'Sign in first (or send an API key).'),
  sessionExpired: () => new DomainError('session_expired', 'Your session has ended; sign in again.'),
  invalidCredentials: () => new DomainError('invalid_credentials', 'Wrong email or password.'),
  csrfTokenInvalid: () => new DomainError('csrf_token_invalid', "A signed-in write must send the session's X-CSRF-Token header."),
  crossSiteRequest: () => new DomainError('cross_site_request', 'This request came from another site.'),
  insufficientRole: (required: string, role: string) =>
    new DomainError('insufficient_role', `This needs the ${required} role or higher in this workspace; you are ${role}.`),
  readOnlyApiKey: () => new DomainError('api_key_scope', 'This API key is read-only: it may only read /v1.'),
  webhookOnlyApiKey: () => new DomainError('api_key_scope', 'This API key may only call /api-webhook.'),
  sessionRequired: () => new DomainError('session_required', 'Only a signed-in person can do this; API keys cannot.'),
  noWorkspace: () => new DomainError('no_workspace', 'You are not a member of this workspace.'),
  planWithoutApiAccess: () => new DomainError('plan_without_api_access', 'API access requires higher plan'),
  planWithoutWebhooks: () => new DomainError('plan_without_webhooks', 'API & Webhook integrations require higher plan'),
  setupAlreadyDone: () => new DomainError('setup_already_done', 'The owner account exists already: sign in.'),
  emailTaken: () => new DomainError('email_taken', 'Someone already signs in with this email.'),
  weakPassword: (minimum: number) => new DomainError('weak_password', `The password must be at least ${minimum} characters.`),
  inviteNotFound: () => new DomainError('invite_not_found', 'This invite link is unknown, used, revoked or expired.'),
  memberNotFound: (userId: string) => new DomainError('member_not_found', `No member with user id ${userId} in this workspace.`),
  lastOwner: () => new DomainError('last_owner', 'A workspace keeps at least one owner.'),
  userNotFound: (email: string) => new DomainError('user_not_found', `No user with email ${email}.`),
};
