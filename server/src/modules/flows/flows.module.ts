import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';

@Module({
  imports: [TypeOrmModule.forFeature([Flow, FlowVersion])],
  controllers: [FlowsController],
  providers: [FlowsService],
  exports: [TypeOrmModule, FlowsService],
})
export class FlowsModule {}
