export const WEBHOOK_EVENT_TYPES = [
  'comment',
  'dm_received',
  'postback',
  'question_answered',
  'flow_completed',
  // An Instagram account stopped sending (Meta refused its token, or another workspace proved it owns the account).
  'instagram_account_needs_reconnect',
  // A flow's "Hand over to a human" block paused automation for a contact and assigned the conversation (live chat).
  'handover_requested',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
