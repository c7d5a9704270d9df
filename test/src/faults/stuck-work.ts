import Redis from 'ioredis';
import { queryDatabase } from '../harness';

/** Work left anywhere in the pipeline; all zero = quiescent. */
export interface StuckWork {
  inboxUnfinished: number;
  effectsPending: number;
  deliveriesUnfinished: number;
  /** Bull jobs waiting, active, delayed or paused, per queue (`inbound: 3`). */
  jobs: Record<string, number>;
}

const QUEUES = ['inbound', 'outbound', 'timers', 'webhooks'] as const;

export function isQuiescent(work: StuckWork): boolean {
  return (
    !work.inboxUnfinished && !work.effectsPending && !work.deliveriesUnfinished && Object.values(work.jobs).every((count) => count === 0)
  );
}

/** Counts unfinished rows in Postgres and unfinished Bull jobs under the server's QUEUE_PREFIX. */
export async function stuckWork(databaseUrl: string, redisUrl: string, queuePrefix: string): Promise<StuckWork> {
  const [row] = await queryDatabase<{ inbox: string; effects: string; deliveries: string }>(
    databaseUrl,
    `SELECT (SELECT count(*) FROM inbox_events WHERE status IN ('pending', 'recorded')) AS inbox,
            (SELECT count(*) FROM run_effects WHERE status = 'pending') AS effects,
            (SELECT count(*) FROM webhook_deliveries WHERE status IN ('pending', 'queued', 'sending')) AS deliveries`,
  );
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  const jobs: Record<string, number> = {};
  try {
    await redis.connect();
    for (const queue of QUEUES) {
      const key = (list: string) => `${queuePrefix}:${queue}:${list}`;
      const [wait, active, paused, delayed] = await Promise.all([
        redis.llen(key('wait')),
        redis.llen(key('active')),
        redis.llen(key('paused')),
        redis.zcard(key('delayed')),
      ]);
      jobs[queue] = wait + active + paused + delayed;
    }
  } finally {
    redis.disconnect();
  }
  return { inboxUnfinished: Number(row.inbox), effectsPending: Number(row.effects), deliveriesUnfinished: Number(row.deliveries), jobs };
}
