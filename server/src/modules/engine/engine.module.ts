import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { AiModule } from '../ai/ai.module';
import { InboxModule } from '../inbox/inbox.module';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { FlowVersionsModule } from '../flows/flow-versions.module';
import { MessagingModule } from '../messaging/messaging.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WorkersModule } from '../../core/workers/workers.module';
import { EffectDispatcher } from './effect-dispatcher';
import { EffectExecutor } from './effect-executor';
import { EFFECT_HANDLER_PROVIDERS } from './effects/effect-handlers';
import { InstagramToken } from './effects/instagram-token';
import { EngineService } from './engine.service';
import { FlowRun } from './entities/flow-run.entity';
import { RunEffect } from './entities/run-effect.entity';
import { RunStepRecord } from './entities/run-step-record.entity';
import { ExecuteRunEffectsProcessor } from './execute-run-effects.processor';
import { FireTimerProcessor } from './fire-timer.processor';
import { FlowMachines } from './flow-machines';
import { OutboxSweeper } from './outbox-sweeper';
import { RunAdvancer } from './run-advancer';
import { RunRecordsService } from './run-records.service';
import { RunStarter } from './run-starter';
import { RunStore } from './run-store';
import { TimerSweeper } from './timer-sweeper';
import { MetricsModule } from '../../core/metrics/metrics.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([FlowRun, RunEffect, RunStepRecord]),
    MetricsModule,
    FlowVersionsModule,
    ContactsModule,
    ConversationsModule,
    AccountsModule,
    MessagingModule,
    WebhooksModule,
    AiModule,
    InboxModule,
    NotificationsModule,
  ],
  providers: [
    EngineService,
    FlowMachines,
    RunStore,
    RunAdvancer,
    RunStarter,
    RunRecordsService,
    EffectDispatcher,
    EffectExecutor,
    InstagramToken,
    ...EFFECT_HANDLER_PROVIDERS,
  ],
  exports: [EngineService, RunRecordsService, EffectExecutor, EffectDispatcher],
})
export class EngineModule {
  /** Queue processors and sweepers, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(EngineModule, [ExecuteRunEffectsProcessor, FireTimerProcessor, OutboxSweeper, TimerSweeper]);
  }
}
