import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueueName, QUEUES } from './queue-contract';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

export type JobState = (typeof JOB_STATES)[number];

/** Read-only looks at the Bull queues for operators: job counts (metrics) and reachability (readiness). */
@Injectable()
export class QueueInspector {
  readonly queues: Readonly<Record<QueueName, Queue>>;

  constructor(
    @InjectQueue(QUEUES.inbound) inbound: Queue,
    @InjectQueue(QUEUES.outbound) outbound: Queue,
    @InjectQueue(QUEUES.timers) timers: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    this.queues = { inbound, outbound, timers, webhooks };
  }

  async jobCounts(): Promise<Array<{ queue: QueueName; state: JobState; count: number }>> {
    const perQueue = await Promise.all(
      Object.entries(this.queues).map(async ([queue, bull]) => ({ queue: queue as QueueName, counts: await bull.getJobCounts() })),
    );
    return perQueue.flatMap(({ queue, counts }) =>
      JOB_STATES.map((state) => ({ queue, state, count: (counts as unknown as Record<string, number>)[state] ?? 0 })),
    );
  }

  /** Each queue's Redis client answers PING. */
  async ping(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.client.ping()));
  }
}
