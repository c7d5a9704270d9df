import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/query-rows';
import { Metrics } from '../../core/metrics/metrics';

const UNFINISHED = ['pending', 'queued', 'sending'] as const;

/** The outgoing webhook backlog, read from Postgres when Prometheus scrapes. */
@Injectable()
export class WebhookBacklogMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.collectOnScrape(() => this.collect());
  }

  private async collect(): Promise<void> {
    const [counts, [due]] = await Promise.all([
      queryRows<{ status: string; count: number }>(
        this.dataSource,
        `SELECT status, count(*)::int AS count FROM webhook_deliveries WHERE status IN ('pending', 'queued', 'sending') GROUP BY status`,
      ),
      queryRows<{ age: number }>(
        this.dataSource,
        `SELECT coalesce(extract(epoch FROM now() - min(next_attempt_at)), 0)::float8 AS age
           FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()`,
      ),
    ]);
    for (const status of UNFINISHED) {
      this.metrics.webhookBacklog.set({ status }, counts.find((row) => row.status === status)?.count ?? 0);
    }
    this.metrics.webhookOldestDueAge.set(Math.max(0, due.age));
  }
}
