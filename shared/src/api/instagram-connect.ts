import type { NeedsReconnectReason } from './views/instagram-account.view';

/**
 * The `instagram_error` the OAuth callback sends the editor back with (`/connect?instagram_error=<code>`), and what
 * the editor says for it. The server never names the workspace that holds an account.
 */
export const INSTAGRAM_CONNECT_ERRORS = {
  state_invalid: 'This Instagram login could not be matched to your session (it expired, or it was started elsewhere). Try again.',
  access_denied: 'Instagram login was cancelled, so nothing was connected.',
  code_rejected: 'Instagram refused the login code. Try connecting again.',
  token_rejected: 'Instagram did not accept the access token for this account. Try connecting again.',
  subscribe_failed: 'Instagram refused to send this account’s messages and comments to dmflow. Try connecting again.',
  instagram_unreachable: 'Instagram could not be reached. Try again in a moment.',
  not_configured: 'Connecting Instagram is not set up on this server (META_APP_ID and META_OAUTH_REDIRECT_URL).',
} as const;

export type InstagramConnectError = keyof typeof INSTAGRAM_CONNECT_ERRORS;

export function isInstagramConnectError(value: string | null): value is InstagramConnectError {
  return value !== null && Object.prototype.hasOwnProperty.call(INSTAGRAM_CONNECT_ERRORS, value);
}

/** The `instagram_account_needs_reconnect` webhook event: sends with the account stop until someone reconnects it. */
export interface InstagramAccountNeedsReconnectPayload {
  instagram_account_id: string;
  ig_user_id: string;
  username: string;
  reason: NeedsReconnectReason;
  message: string;
  /** `YYYY-MM-DD HH:mm:ss`, UTC. */
  occurred_at: string;
}

export const NEEDS_RECONNECT_MESSAGES: Record<NeedsReconnectReason, string> = {
  token_refresh_refused: 'Instagram refused to refresh the access token: reconnect the account to keep sending.',
  connected_elsewhere: 'Someone who logged in as this Instagram account connected it to another workspace: reconnect it to bring it back.',
};
