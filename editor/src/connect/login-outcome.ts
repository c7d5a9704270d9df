import { INSTAGRAM_CONNECT_ERRORS, isInstagramConnectError } from '@dmflow/shared';

export type LoginOutcome = { kind: 'connected'; message: string } | { kind: 'error'; message: string };

/** What the OAuth callback said when it sent the browser back (`?instagram=connected&username=…` or `?instagram_error=…`). */
export function loginOutcomeOf(search: string): LoginOutcome | null {
  const params = new URLSearchParams(search);
  if (params.get('instagram') === 'connected') {
    const username = params.get('username');
    return { kind: 'connected', message: username ? `Connected @${username}.` : 'Instagram account connected.' };
  }
  const error = params.get('instagram_error');
  if (error === null) return null;
  return {
    kind: 'error',
    message: isInstagramConnectError(error) ? INSTAGRAM_CONNECT_ERRORS[error] : 'Connecting Instagram failed. Try again.',
  };
}
