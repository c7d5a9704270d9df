import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkersModule } from '../../core/workers/workers.module';
import { AccountsModule } from '../accounts/accounts.module';
import { EngineModule } from '../engine/engine.module';
import { FlowVersionsModule } from '../flows/flow-versions.module';
import { MessagingModule } from '../messaging/messaging.module';
import { BroadcastSender } from './broadcast-sender';
import { BroadcastWorker } from './broadcast-worker';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastsService } from './broadcasts.service';
import { BroadcastsStore } from './broadcasts.store';
import { Broadcast } from './entities/broadcast.entity';
import { Segment } from './entities/segment.entity';
import { SegmentsController } from './segments.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Segment, Broadcast]), AccountsModule, FlowVersionsModule, MessagingModule, EngineModule],
  controllers: [SegmentsController, BroadcastsController],
  providers: [BroadcastsStore, BroadcastsService, BroadcastSender],
  exports: [BroadcastSender],
})
export class BroadcastsModule {
  /** The worker that sends due broadcasts, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(BroadcastsModule, [BroadcastWorker]);
  }
}
