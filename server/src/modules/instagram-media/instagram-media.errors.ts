import { DomainError } from '../../core/errors/domain-error';

export const InstagramMediaErrors = {
  noAccessToken: () => new DomainError('no_instagram_token', 'This Instagram account has no access token; reconnect it to list its posts.'),
  tokenRefused: () =>
    new DomainError('instagram_media_unavailable', 'Instagram refused the access token of this account; reconnect it to list its posts.'),
  unavailable: (reason: string) => new DomainError('instagram_media_unavailable', `Instagram did not list the posts: ${reason}`),
};
