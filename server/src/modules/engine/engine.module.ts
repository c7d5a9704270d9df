import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contact } from '../contacts/entities/contact.entity';
import { FlowVersion } from '../flows/entities/flow-version.entity';
import { Flow } from '../flows/entities/flow.entity';
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
import { RunHistory } from './run-history';
import { RunRetries } from './run-retries';
import { RunStore } from './run-store';
import { TimerSweeper } from './timer-sweeper';
import { RunsController } from './runs.controller';

@Module({
  imports: [TypeOrmModule.forFeature([FlowRun, RunEffect, RunStepRecord, Flow, FlowVersion, Contact])],
  controllers: [RunsController],
  providers: [
    EngineService,
    FlowMachines,
    RunStore,
    RunAdvancer,
    RunHistory,
    RunRetries,
    EffectDispatcher,
    EffectExecutor,
    InstagramToken,
    ...EFFECT_HANDLER_PROVIDERS,
  ],
  exports: [EngineService, EffectExecutor, EffectDispatcher],
})
export class EngineModule {
  /** Queue processors and sweepers, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(EngineModule, [ExecuteRunEffectsProcessor, FireTimerProcessor, OutboxSweeper, TimerSweeper]);
  }
}
