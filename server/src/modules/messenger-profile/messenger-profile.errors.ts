import { DomainError } from '../../core/errors/domain-error';

export const MessengerProfileErrors = {
  noAccessToken: () =>
    new DomainError('no_instagram_token', 'This Instagram account has no access token; reconnect it to set its starters and menu.'),
  notPushed: (reason: string) =>
    new DomainError('messenger_profile_not_pushed', `Saved, but Instagram did not take the starters and menu: ${reason}`),
};
