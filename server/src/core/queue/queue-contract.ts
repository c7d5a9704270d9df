/** Every Bull queue and the payload of its jobs. Producers and processors use these names, never literals. */
export const QUEUES = {
  inbound: 'inbound',
  outbound: 'outbound',
  timers: 'timers',
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

/** Job names per queue. */
export const JOBS = {
  /** outbound: execute a run's pending outbox effects, in order. */
  executeRunEffects: 'execute-run-effects',
  /** timers: a delay or question timeout is due. Job id = the timer id `<runId>:<nodeId>:<seq>`. */
  fireTimer: 'fire-timer',
  /** webhooks: one attempt of one delivery. Job id = `<deliveryId>:<attempt>:<lease ms>`, stable per dispatch. */
  deliverWebhook: 'deliver-webhook',
  /** inbound: work on one stored Meta event. Job id = the inbox row id, so a row is queued at most once at a time. */
  processInboxEvent: 'process-inbox-event',
} as const;

export interface ExecuteRunEffectsJob {
  runId: string;
}

export interface FireTimerJob {
  runId: string;
  timerId: string;
}

export interface DeliverWebhookJob {
  deliveryId: string;
  attempt: number;
}

export interface ProcessInboxEventJob {
  inboxEventId: string;
}
