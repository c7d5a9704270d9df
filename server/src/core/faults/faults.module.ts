import { DynamicModule, Global, Module } from '@nestjs/common';
import { FAULT_POINTS, FaultPoints, NO_FAULT_POINTS } from './fault-points';

/** Provides the process's FaultPoints: the no-op unless bootstrap chose the test implementation (env-fault-points.ts). */
@Global()
@Module({})
export class FaultsModule {
  static forRoot(points: FaultPoints = NO_FAULT_POINTS): DynamicModule {
    return { module: FaultsModule, global: true, providers: [{ provide: FAULT_POINTS, useValue: points }], exports: [FAULT_POINTS] };
  }
}
