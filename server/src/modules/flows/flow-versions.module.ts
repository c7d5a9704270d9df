import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';
import { FlowVersionsService } from './flow-versions.service';
import { FlowVersionsStore } from './flow-versions.store';

/** The flows the runtime reads (engine, routing, runs); depends on nothing but Postgres. */
@Module({
  imports: [TypeOrmModule.forFeature([Flow, FlowVersion])],
  providers: [FlowVersionsStore, FlowVersionsService],
  exports: [FlowVersionsService],
})
export class FlowVersionsModule {}
