/** Every Bull queue and the payload of its jobs. Producers and processors use these names, never literals. */
export const QUEUES = {
  inbound: 'inbound',
  outbound: 'outbound',
  timers: 'timers',
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

export const WEBHOOK_JOBS = { deliver: 'deliver' } as const;

/** One attempt of one delivery; the job id `<deliveryId>:<attempt>:<lease ms>` is stable per dispatch. */
export interface DeliverWebhookJob {
  deliveryId: string;
  attempt: number;
}
