import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { Flow } from './entities/flow.entity';
import { FlowVersionsModule } from './flow-versions.module';
import { FlowVersion } from './entities/flow-version.entity';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';
import { FlowRunCountsQuery } from './flow-run-counts.query';
import { KeywordClashesQuery } from './keyword-clashes.query';

@Module({
  imports: [TypeOrmModule.forFeature([Flow, FlowVersion]), AccountsModule, FlowVersionsModule],
  controllers: [FlowsController],
  providers: [FlowsService, FlowRunCountsQuery, KeywordClashesQuery],
  exports: [FlowsService],
})
export class FlowsModule {}
