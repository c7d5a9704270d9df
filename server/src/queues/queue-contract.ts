/** Every Bull queue and the payload of its jobs. Producers and processors use these names, never literals. */
export const QUEUES = {
  inbound: 'inbound',
  outbound: 'outbound',
  timers: 'timers',
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
