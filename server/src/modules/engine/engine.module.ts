import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsModule } from '../contacts/contacts.module';
import { FlowVersionsModule } from '../flows/flow-versions.module';
import { MessagingModule } from '../messaging/messaging.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { workerProviders } from '../../core/config/config';
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
import { RunStore } from './run-store';
import { TimerSweeper } from './timer-sweeper';

@Module({
  imports: [TypeOrmModule.forFeature([FlowRun, RunEffect, RunStepRecord]), FlowVersionsModule, ContactsModule, AccountsModule, MessagingModule, WebhooksModule],
  providers: [
    EngineService,
    FlowMachines,
    RunStore,
    RunAdvancer,
    RunRecordsService,
    EffectDispatcher,
    EffectExecutor,
    InstagramToken,
    ...EFFECT_HANDLER_PROVIDERS,
    ...workerProviders([ExecuteRunEffectsProcessor, FireTimerProcessor, OutboxSweeper, TimerSweeper]),
  ],
  exports: [EngineService, RunRecordsService, EffectExecutor],
})
export class EngineModule {}
