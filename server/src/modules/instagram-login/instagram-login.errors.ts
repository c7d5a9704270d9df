import { ENV } from '../../core/config/config';
import { DomainError } from '../../core/errors/domain-error';

export const InstagramLoginErrors = {
  // The same answer whether or not the account is connected anywhere: a refusal never reveals who holds what.
  tokenInvalid: () => new DomainError('instagram_token_invalid', 'Instagram did not accept this access token.'),
  tokenMismatch: () =>
    new DomainError('instagram_token_mismatch', 'This access token belongs to a different Instagram account than ig_user_id.'),
  unreachable: () => new DomainError('instagram_api_error', 'Instagram could not be reached to check the access token; try again.'),
  notConfigured: (missing: string[]) =>
    new DomainError(
      'instagram_login_not_configured',
      `Connecting Instagram is not set up on this server: set ${missing.join(' and ')} (see docs/instagram-setup.md).`,
    ),
};

/** The settings "Connect Instagram" cannot work without, by the names the operator sets. */
export function missingLoginSettings(login: { appId: string | null; redirectUrl: string | null }): string[] {
  return [...(login.appId ? [] : [ENV.metaAppId]), ...(login.redirectUrl ? [] : [ENV.metaOauthRedirectUrl])];
}
