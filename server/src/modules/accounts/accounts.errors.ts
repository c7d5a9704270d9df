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
};
