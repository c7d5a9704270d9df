export const WEBHOOK_EVENT_TYPES = ['comment', 'dm_received', 'postback', 'question_answered', 'flow_completed'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
