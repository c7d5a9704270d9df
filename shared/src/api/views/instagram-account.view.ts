/** `connected`: sends work. `needs_reconnect`: Meta refused the token, or another workspace proved it owns the account. */
export type InstagramAccountStatus = 'connected' | 'needs_reconnect';

export type NeedsReconnectReason = 'token_refresh_refused' | 'connected_elsewhere';

/** GET /v1/instagram-accounts: a connected Instagram professional account. The token itself is never returned. */
export interface InstagramAccountView {
  id: string;
  ig_user_id: string;
  username: string;
  profile_picture_url: string | null;
  status: InstagramAccountStatus;
  /** Why the account needs reconnecting; null while connected. */
  needs_reconnect_reason: NeedsReconnectReason | null;
  has_access_token: boolean;
  /** When the stored token stops working unless refreshed; null when unknown (a token given by hand). */
  token_expires_at: string | null;
  /** IANA time zone smart delays' windows and dates are read in (default `UTC`). */
  time_zone: string;
  /** BCP 47 locale date answers are read in ("12/03/2026": 12 March in en-GB); default `en-US`. */
  locale: string;
  connected_at: string;
  created_at: string;
}

/** PATCH /v1/instagram-accounts/:id: the account's settings; fields left out stay as they are. */
export interface UpdateInstagramAccountRequest {
  time_zone?: string;
  locale?: string;
}

/** POST /v1/instagram-accounts/oauth/start: where to send the browser to log in with Instagram. */
export interface InstagramLoginStartView {
  authorize_url: string;
  /** The login must come back before this; after it the callback refuses the state. */
  expires_at: string;
}

/** GET/PUT /v1/instagram-accounts/:id/messenger-profile: conversation starters and persistent menu. */
export interface MessengerProfileView {
  instagram_account_id: string;
  ice_breakers: Array<{ question: string; flow_id: string }>;
  menu: Array<{ type: 'flow' | 'url'; title: string; flow_id?: string; url?: string }>;
  /** When Instagram last took this version; null until then. */
  pushed_at: string | null;
}
