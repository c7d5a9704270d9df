import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QueueInspector } from '../queue/queue-inspector';
import { Metrics } from './metrics';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Scrape-time gauges the platform itself can read: Bull queue depths and this process's Postgres pool. */
@Injectable()
export class PlatformCollectors implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queues: QueueInspector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.collectOnScrape(async () => {
      for (const { queue, state, count } of await this.queues.jobCounts()) this.metrics.queueJobs.set({ queue, state }, count);
    });
    this.metrics.sampleOnScrape(() => {
      // TypeORM's postgres driver keeps its pg.Pool as `master`.
      const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
      if (!pool) return;
      this.metrics.postgresPoolConnections.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.metrics.postgresPoolConnections.set({ state: 'idle' }, pool.idleCount);
      this.metrics.postgresPoolWaiting.set(pool.waitingCount);
    });
  }
}
