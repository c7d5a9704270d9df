import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AiModule } from '../ai/ai.module';
import { FlowVersionsModule } from '../flows/flow-versions.module';
import { FlowsModule } from '../flows/flows.module';
import { FlowAnalyticsController } from './flow-analytics.controller';
import { FlowAnalyticsQuery } from './flow-analytics.query';
import { FlowAnalyticsService } from './flow-analytics.service';

@Module({
  imports: [FlowsModule, FlowVersionsModule, AccountsModule, AiModule],
  controllers: [FlowAnalyticsController],
  providers: [FlowAnalyticsService, FlowAnalyticsQuery],
  exports: [FlowAnalyticsService],
})
export class FlowAnalyticsModule {}
