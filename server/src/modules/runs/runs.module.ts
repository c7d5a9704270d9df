import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EngineModule } from '../engine/engine.module';
import { FlowVersionsModule } from '../flows/flow-versions.module';
import { MessagingModule } from '../messaging/messaging.module';
import { RunHistory } from './run-history';
import { RunRetries } from './run-retries';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** The REST API over runs: start by hand, list, read with history, cancel, retry. The engine runs them. */
@Module({
  imports: [EngineModule, FlowVersionsModule, MessagingModule, AccountsModule],
  controllers: [RunsController],
  providers: [RunsService, RunHistory, RunRetries],
  exports: [RunsService, RunHistory, RunRetries],
})
export class RunsModule {}
