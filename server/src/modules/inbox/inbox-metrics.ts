import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '../../core/metrics/metrics';
import { InboxService } from './inbox.service';

/** The inbox's lag, read from Postgres when Prometheus scrapes. */
@Injectable()
export class InboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly inbox: InboxService,
  ) {}

  onModuleInit(): void {
    this.metrics.collectOnScrape(async () => {
      const { pending, oldestAgeSeconds } = await this.inbox.backlog();
      this.metrics.inboxPending.set(pending);
      this.metrics.inboxOldestPendingAge.set(oldestAgeSeconds);
    });
  }
}
