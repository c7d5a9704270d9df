import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkersModule } from '../../core/workers/workers.module';
import { InboxEvent } from './entities/inbox-event.entity';
import { InboxPruner } from './inbox-pruner';
import { InboxSweeper } from './inbox-sweeper';
import { InboundFairness } from './inbound-fairness';
import { InboxGroupCommit } from './inbox-group-commit';
import { InboxService } from './inbox.service';
import { MetricsModule } from '../../core/metrics/metrics.module';
import { InboxMetrics } from './inbox-metrics';

@Module({
  imports: [TypeOrmModule.forFeature([InboxEvent]), MetricsModule],
  providers: [InboxService, InboxGroupCommit, InboundFairness, InboxMetrics],
  exports: [InboxService, InboxGroupCommit],
})
export class InboxModule {
  /** The sweeper and the pruner, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(InboxModule, [InboxSweeper, InboxPruner]);
  }
}
