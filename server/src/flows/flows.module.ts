import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Flow, FlowVersion])],
  exports: [TypeOrmModule],
})
export class FlowsModule {}
