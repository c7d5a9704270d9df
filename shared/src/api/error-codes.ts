/**
 * Every error code the API answers with, and its HTTP status: the contract behind `error.code` in the REST envelope
 * and `code` in /api-webhook's InstantDM body. `message` is the default text where the server always says the same.
 */
export interface ErrorCodeSpec {
  status: number;
  message?: string;
}

export const ERROR_CODES = {
  // Request shape, before any domain logic (the global envelope filter and the validation pipe).
  validation_failed: { status: 400 },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  payload_too_large: { status: 413, message: 'The request body is larger than the server accepts.' },
  unsupported_media_type: { status: 415 },
  invalid_cursor: { status: 400, message: 'The cursor is not one this API returned.' },
  // Fallbacks the envelope filter uses for framework errors that carry no code of their own.
  bad_request: { status: 400 },
  unauthorized: { status: 401 },
  forbidden: { status: 403 },
  not_found: { status: 404 },
  method_not_allowed: { status: 405 },
  conflict: { status: 409 },
  unprocessable_entity: { status: 422 },
  rate_limited: { status: 429 },
  internal_error: { status: 500, message: 'Something went wrong on our side.' },

  // Accounts, API keys and Instagram connections.
  missing_api_key: { status: 401, message: 'Missing API key' },
  invalid_api_key: { status: 401, message: 'Invalid API key' },
  unknown_plan: { status: 400 },
  invalid_credits: { status: 400, message: 'Credits must be a whole number of 0 or more.' },
  invalid_hourly_limit: { status: 400, message: 'The hourly limit must be a whole number above 0.' },
  account_not_found: { status: 404 },
  plan_without_api_keys: { status: 403, message: 'API keys require higher plan' },
  api_key_not_found: { status: 404 },
  instagram_account_not_found: { status: 404, message: 'No connected Instagram account with that id.' },
  unknown_time_zone: { status: 400 },
  invalid_locale: { status: 400 },

  // Flows and flow analytics.
  flow_not_found: { status: 404 },
  flow_version_not_found: { status: 404 },
  invalid_flow_document: { status: 400 },
  revision_conflict: { status: 409 },
  flow_invalid: { status: 422 },
  // 404 from analytics (no published version to report on); run retries answer 409 with this code today.
  flow_not_published: { status: 404 },
  invalid_date_range: { status: 400, message: '`from` must be before `to`' },
  date_range_too_long: { status: 400 },
  // MCP's create_flow and validate_flow (a flow comes from a draft graph or a template, not both).
  template_not_found: { status: 404 },
  draft_or_template: { status: 400 },

  // Contacts and runs.
  contact_not_found: { status: 404 },
  opt_out_keyword_clash: { status: 422 },

  // Segments and broadcasts.
  segment_not_found: { status: 404 },
  segment_in_use: { status: 409 },
  broadcast_not_found: { status: 404 },
  broadcast_not_changeable: { status: 409 },
  broadcast_invalid: { status: 422 },
  run_not_found: { status: 404 },
  run_not_open: { status: 409 },
  run_changed: { status: 409 },
  run_not_failed: { status: 409 },
  run_not_resumable: { status: 409 },
  run_in_progress: { status: 409 },
  run_already_retried: { status: 409 },
  flow_deleted: { status: 409 },

  // Sending to Instagram.
  messaging_window_closed: { status: 422 },
  no_instagram_token: { status: 404, message: 'No Instagram access token found' },
  send_in_doubt: { status: 409 },
  instagram_send_limit: { status: 429, message: 'Instagram send limit reached for this Instagram account. Please try again later.' },
  // Meta's own 4xx/5xx status is passed through; 502 when Meta answered with anything else.
  instagram_api_error: { status: 502, message: 'Instagram API error' },

  // The action API (/api-webhook, InstantDM's dialect).
  plan_without_api_access: { status: 403, message: 'API access requires higher plan' },
  insufficient_credits: { status: 402, message: 'Insufficient credits. Please upgrade or purchase top-up credits.' },
  hourly_rate_limit: { status: 429, message: 'Hourly rate limit reached. Please try again later.' },
  invalid_idempotency_key: { status: 400, message: 'Idempotency-Key must be 1 to 255 visible ASCII characters.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was already used with a different request body.' },
  idempotency_key_in_progress: {
    status: 409,
    message: 'A request with this Idempotency-Key is in progress or was interrupted; it is not repeated.',
  },
  unknown_action: { status: 400, message: 'Unknown action' },
  invalid_type: { status: 400, message: 'type must be "dm" or "comment_reply"' },
  invalid_field: { status: 400 },
  missing_message: { status: 400, message: 'Missing message' },
  invalid_message: { status: 400 },
  missing_recipient_id: { status: 400, message: 'Missing recipient_id' },
  missing_comment_id: { status: 400, message: 'Missing comment_id for comment_reply' },
  missing_comment_fields: { status: 400, message: 'Missing comment_id or comment_text' },

  // Live chat (issue 20): replies from the inbox, assignment.
  conversation_not_found: { status: 404 },
  human_agent_not_enabled: { status: 422 },
  reply_window_closed: { status: 422 },
  assignee_not_member: { status: 422 },
  // Team notifications (the "Notify the team" block).
  notification_not_found: { status: 404 },

  // Meta's webhook endpoint.
  verification_failed: { status: 403, message: 'The webhook verification token does not match META_VERIFY_TOKEN.' },
  missing_signature: { status: 401, message: 'X-Hub-Signature-256 is missing.' },
  invalid_signature: { status: 401, message: 'X-Hub-Signature-256 does not match the body signed with META_APP_SECRET.' },
  empty_body: { status: 400, message: 'The webhook body is empty.' },
  invalid_webhook_payload: { status: 400 },

  // Outbound webhook endpoints and their deliveries.
  invalid_url: { status: 422 },
  private_url_refused: { status: 422 },
  unresolvable_url: { status: 422 },
  reserved_header: { status: 422 },
  webhook_not_found: { status: 404 },
  delivery_not_found: { status: 404 },
  delivery_in_progress: { status: 409, message: 'This delivery is being sent right now; try again in a few seconds.' },

  // Operator endpoints (/metrics on the API port, /admin/queues).
  operator_token_required: { status: 401 },
  invalid_operator_token: { status: 401 },
  // Connecting Instagram: the token decides which account is connected (GET /me), never the caller.
  instagram_token_invalid: { status: 422, message: 'Instagram did not accept this access token.' },
  instagram_token_mismatch: { status: 422, message: 'This access token belongs to a different Instagram account than ig_user_id.' },
  instagram_token_required: { status: 422 },
  instagram_login_not_configured: { status: 503 },
  // Abuse limits (docs/security.md): quotas, request shape and rate limits.
  too_many_events: { status: 413 },
  inbox_backlog_full: { status: 503 },
  json_too_deep: { status: 400 },
  flow_limit_reached: { status: 409 },
  flow_too_large: { status: 413 },
  too_many_requests: { status: 429, message: 'Too many requests; try again after Retry-After seconds.' },
  too_many_failed_auth: { status: 429, message: 'Too many requests with a missing or wrong API key; try again after Retry-After seconds.' },
  // People, sessions, workspaces, roles and API-key scopes (issue 16).
  not_signed_in: { status: 401, message: 'Sign in first (or send an API key).' },
  session_expired: { status: 401, message: 'Your session has ended; sign in again.' },
  invalid_credentials: { status: 401, message: 'Wrong email or password.' },
  csrf_token_invalid: { status: 403, message: "A signed-in write must send the session's X-CSRF-Token header." },
  cross_site_request: { status: 403, message: 'This request came from another site.' },
  insufficient_role: { status: 403 },
  session_required: { status: 403, message: 'Only a signed-in person can do this; API keys cannot.' },
  api_key_scope: { status: 403 },
  no_workspace: { status: 403, message: 'You are not a member of this workspace.' },
  plan_without_webhooks: { status: 403, message: 'API & Webhook integrations require higher plan' },
  setup_already_done: { status: 409, message: 'The owner account exists already: sign in.' },
  email_taken: { status: 409, message: 'Someone already signs in with this email.' },
  weak_password: { status: 400 },
  invite_not_found: { status: 404, message: 'This invite link is unknown, used, revoked or expired.' },
  member_not_found: { status: 404 },
  last_owner: { status: 409, message: 'A workspace keeps at least one owner.' },
  user_not_found: { status: 404 },
  // The editor's post picker: Meta would not list the account's posts (its message is passed on).
  instagram_media_unavailable: { status: 502 },
  // Starters and menu were saved but Meta refused them (its message is passed on).
  messenger_profile_not_pushed: { status: 502 },
  // AI provider settings and the editor's AI preview (issue 19).
  ai_budget_exhausted: { status: 409 },
  ai_provider_unavailable: { status: 502 },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
