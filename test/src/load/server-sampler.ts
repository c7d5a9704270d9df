import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';

/** Resident memory of a process from /proc/<pid>/status (Linux), in MiB; null when it is gone. */
export function processMemory(pid: number): { rssMiB: number; peakRssMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Cumulative transactions committed and rows written in one database (pg_stat_database): diff two readings. */
export async function databaseActivity(databaseUrl: string, name: string): Promise<{ commits: number; inserted: number; updated: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ commits: string; inserted: string; updated: string }>(
      'SELECT xact_commit AS commits, tup_inserted AS inserted, tup_updated AS updated FROM pg_stat_database WHERE datname = $1',
      [name],
    );
    return { commits: Number(rows[0].commits), inserted: Number(rows[0].inserted), updated: Number(rows[0].updated) };
  } finally {
    await client.end();
  }
}

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
}

export interface ServerSample {
  /** ms since the sampler started. */
  t: number;
  rssMiB: number | null;
  peakRssMiB: number | null;
  queues: Record<string, QueueDepth>;
  /** Work Postgres holds that the queues don't show: inbox rows not yet processed, webhook events not fanned out, deliveries not yet done. */
  backlog: { inbox: number; webhookEvents: number; webhookDeliveries: number } | null;
  /** The caller's own figures at sampling time (e.g. runs completed so far). */
  extra?: Record<string, number>;
}

export interface ServerSamplerOptions {
  pid: () => number | undefined;
  redisUrl: string;
  queuePrefix: string;
  queues: string[];
  /** Also count Postgres backlogs (a few count(*) per sample; skip them for long soaks). */
  databaseUrl?: string;
  intervalMs?: number;
  /** Figures of the caller's to stamp on every sample. */
  annotate?: () => Record<string, number>;
}

/** Samples a server's RSS, its Bull queue depths (wait/active/delayed lists of `<prefix>:<queue>`) and Postgres backlogs. */
export class ServerSampler {
  readonly samples: ServerSample[] = [];
  /** Statements this sampler ran on the database, each its own commit: the bench's, not the server's. */
  databaseStatements = 0;
  private readonly redis: Redis;
  private database: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private busy = false;

  constructor(private readonly options: ServerSamplerOptions) {
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await this.redis.connect();
    if (this.options.databaseUrl) {
      this.database = new Client({ connectionString: this.options.databaseUrl });
      await this.database.connect();
    }
    this.startedAt = Date.now();
    await this.sample();
    this.timer = setInterval(() => void this.sample(), this.options.intervalMs ?? 250);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.sample();
    this.redis.disconnect();
    await this.database?.end();
  }

  /** Largest value of `pick` over all samples. */
  peak(pick: (sample: ServerSample) => number | null): number {
    return this.samples.reduce((max, sample) => Math.max(max, pick(sample) ?? 0), 0);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const t = Date.now() - this.startedAt;
      const pid = this.options.pid();
      const memory = pid === undefined ? null : processMemory(pid);
      const pipeline = this.redis.pipeline();
      for (const queue of this.options.queues) {
        const key = `${this.options.queuePrefix}:${queue}`;
        pipeline.llen(`${key}:wait`).llen(`${key}:active`).zcard(`${key}:delayed`);
      }
      const replies = (await pipeline.exec()) ?? [];
      const count = (index: number) => Number(replies[index]?.[1] ?? 0);
      const queues = Object.fromEntries(
        this.options.queues.map((queue, i) => [queue, { waiting: count(3 * i), active: count(3 * i + 1), delayed: count(3 * i + 2) }]),
      );
      this.samples.push({
        t,
        rssMiB: memory?.rssMiB ?? null,
        peakRssMiB: memory?.peakRssMiB ?? null,
        queues,
        backlog: await this.backlog(),
        extra: this.options.annotate?.(),
      });
    } catch {
      // a missed sample (Redis or Postgres busy) is not worth failing a benchmark for
    } finally {
      this.busy = false;
    }
  }

  private async backlog(): Promise<ServerSample['backlog']> {
    if (!this.database) return null;
    this.databaseStatements++;
    const { rows } = await this.database.query<{ inbox: string; events: string; deliveries: string }>(
      `SELECT (SELECT count(*) FROM inbox_events WHERE status IN ('pending', 'recorded')) AS inbox,
              (SELECT count(*) FROM webhook_events WHERE relayed_at IS NULL) AS events,
              (SELECT count(*) FROM webhook_deliveries WHERE status IN ('pending', 'queued', 'sending')) AS deliveries`,
    );
    return { inbox: Number(rows[0].inbox), webhookEvents: Number(rows[0].events), webhookDeliveries: Number(rows[0].deliveries) };
  }
}
