import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';
import { RunsModule } from '../runs/runs.module';

@Module({
  imports: [TypeOrmModule.forFeature([Flow, FlowVersion]), RunsModule],
  controllers: [FlowsController],
  providers: [FlowsService],
  exports: [FlowsService],
})
export class FlowsModule {}
