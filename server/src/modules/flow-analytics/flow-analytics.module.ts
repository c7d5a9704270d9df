import { Module } from '@nestjs/common';
import { FlowsModule } from '../flows/flows.module';
import { FlowAnalyticsController } from './flow-analytics.controller';
import { FlowAnalyticsService } from './flow-analytics.service';

@Module({
  imports: [FlowsModule],
  controllers: [FlowAnalyticsController],
  providers: [FlowAnalyticsService],
})
export class FlowAnalyticsModule {}
