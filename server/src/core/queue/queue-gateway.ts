import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, JobOptions, Queue } from 'bull';
import { JobName, JobPayloads, JOBS, QueueName, QUEUES } from './queue-contract';

export interface EnqueueOptions {
  /** The same id while a job with it is still in Bull makes a repeated enqueue one job. */
  jobId?: string;
  delay?: number;
}

export interface JobToEnqueue<K extends JobName> {
  payload: JobPayloads[K];
  jobId: string;
  /** Bull priority: 1 is taken first, larger numbers later; unset = plain FIFO. */
  priority?: number;
}

const LIVE_STATES: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'paused']);

/**
 * Whether a worker will still run the job. Besides completed and failed, a job can be "stuck": its hash exists but it
 * is in no list, as when a command that added or moved it was re-sent to a Redis that restarted empty. Bull drops an
 * `add` with that id, and no worker will ever take it, so it counts as over.
 */
async function isLive(job: Job): Promise<boolean> {
  return LIVE_STATES.has(await job.getState());
}

/** Producers' one door to Bull: each job goes to its own queue with the contract's options. */
@Injectable()
export class QueueGateway {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.inbound) inbound: Queue,
    @InjectQueue(QUEUES.outbound) outbound: Queue,
    @InjectQueue(QUEUES.timers) timers: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    this.queues = { inbound, outbound, timers, webhooks };
  }

  async enqueue<K extends JobName>(name: K, payload: JobPayloads[K], { jobId, delay }: EnqueueOptions = {}): Promise<void> {
    await this.queueOf(name).add(JOBS[name].name, payload, this.options(name, jobId, delay));
  }

  /** One round trip for many jobs of one kind. */
  async enqueueMany<K extends JobName>(name: K, jobs: Array<JobToEnqueue<K>>): Promise<void> {
    if (!jobs.length) return;
    await this.queueOf(name).addBulk(
      jobs.map(({ payload, jobId, priority }) => ({
        name: JOBS[name].name,
        data: payload,
        opts: { ...this.options(name, jobId), ...(priority === undefined ? {} : { priority }) },
      })),
    );
  }

  /** Queues the job again even if one with this id already ran: see requeueMany. */
  async requeue<K extends JobName>(name: K, payload: JobPayloads[K], jobId: string): Promise<void> {
    await this.requeueMany(name, [{ payload, jobId }]);
  }

  /**
   * A job that finished, failed or got stuck keeps its id in Bull (until removeOnComplete / removeOnFail trims it),
   * and an `add` with that id is then silently dropped: so such a job is removed first. A job still waiting, delayed
   * or running is left alone, and the re-add is a no-op for it.
   */
  async requeueMany<K extends JobName>(name: K, jobs: Array<JobToEnqueue<K>>): Promise<void> {
    for (const { jobId } of jobs) {
      const job = await this.queueOf(name).getJob(jobId);
      if (job && !(await isLive(job))) await job.remove();
    }
    await this.enqueueMany(name, jobs);
  }

  /** Whether a job with this id is still waiting, delayed or running (one that ended, got stuck or was lost with Redis, is not). */
  async isOpen(name: JobName, jobId: string): Promise<boolean> {
    const job = await this.queueOf(name).getJob(jobId);
    return job !== null && (await isLive(job));
  }

  private queueOf(name: JobName): Queue {
    return this.queues[JOBS[name].queue];
  }

  private options(name: JobName, jobId?: string, delay?: number): JobOptions {
    return { ...JOBS[name].options, ...(jobId === undefined ? {} : { jobId }), ...(delay === undefined ? {} : { delay }) };
  }
}
