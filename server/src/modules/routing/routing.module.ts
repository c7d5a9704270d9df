import { DynamicModule, Module } from '@nestjs/common';
import { WorkersModule } from '../../core/workers/workers.module';
import { EngineModule } from '../engine/engine.module';
import { InboxModule } from '../inbox/inbox.module';
import { FlowTriggersService } from './flow-triggers.service';
import { InboundRouterService } from './inbound-router.service';
import { NextPostBinder } from './next-post-binder';
import { ProcessInboxEventProcessor } from './process-inbox-event.processor';

@Module({
  imports: [InboxModule, EngineModule],
  providers: [FlowTriggersService, NextPostBinder, InboundRouterService],
  exports: [InboundRouterService],
})
export class RoutingModule {
  /** The inbound queue's processor, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(RoutingModule, [ProcessInboxEventProcessor]);
  }
}
