export const WEBHOOK_EVENT_TYPES = [
  'comment',
  'dm_received',
  'postback',
  'question_answered',
  'flow_completed',
  // An Instagram account stopped sending (Meta refused its token, or another workspace proved it owns the account).
  'instagram_account_needs_reconnect',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
