import type { JobOptions } from 'bull';

/** Every Bull queue. Producers go through QueueGateway; processors use these names, never literals. */
export const QUEUES = {
  inbound: 'inbound',
  outbound: 'outbound',
  timers: 'timers',
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

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

interface JobDefinition {
  /** The job's name in Bull, which `@Process({ name })` matches. */
  name: string;
  queue: QueueName;
  /** What every enqueue of this job starts from; a producer adds only its job id and delay. */
  options: JobOptions;
}

/** Each job: its name, its queue and its retry options. The payload of each is in JobPayloads. */
export const JOBS = {
  /** outbound: execute a run's pending outbox effects, in order. */
  executeRunEffects: {
    name: 'execute-run-effects',
    queue: QUEUES.outbound,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true },
  },
  /** timers: a delay or question timeout is due. Job id = the timer id `<runId>:<nodeId>:<seq>`. */
  fireTimer: {
    name: 'fire-timer',
    queue: QUEUES.timers,
    options: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true },
  },
  /**
   * webhooks: one attempt of one delivery. Job id = `<deliveryId>:<attempt>:<lease ms>`, stable per dispatch.
   * One Bull attempt: retries are scheduled in Postgres (WEBHOOKS_RETRY_*).
   */
  deliverWebhook: {
    name: 'deliver-webhook',
    queue: QUEUES.webhooks,
    options: { attempts: 1 },
  },
  /** inbound: work on one stored Meta event. Job id = the inbox row id, so a row is queued at most once at a time. */
  processInboxEvent: {
    name: 'process-inbox-event',
    queue: QUEUES.inbound,
    options: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true },
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;

/** The payload of each job, so an enqueue cannot put one job's data under another's name. */
export interface JobPayloads {
  executeRunEffects: ExecuteRunEffectsJob;
  fireTimer: FireTimerJob;
  deliverWebhook: DeliverWebhookJob;
  processInboxEvent: ProcessInboxEventJob;
}
