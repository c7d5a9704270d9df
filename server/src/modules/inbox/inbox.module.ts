import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { workerProviders } from '../../core/config/config';
import { InboxEvent } from './entities/inbox-event.entity';
import { InboxPruner } from './inbox-pruner';
import { InboxSweeper } from './inbox-sweeper';
import { InboxService } from './inbox.service';

@Module({
  imports: [TypeOrmModule.forFeature([InboxEvent])],
  providers: [InboxService, ...workerProviders([InboxSweeper, InboxPruner])],
  exports: [InboxService],
})
export class InboxModule {}
