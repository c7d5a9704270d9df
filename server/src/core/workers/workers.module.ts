import { DynamicModule, Module, Provider, Type } from '@nestjs/common';

/**
 * The worker side of a domain module: its queue processors, sweepers and pruners, resolved against what the
 * domain module exports. AppModule.forRole imports these only in processes that run workers (ROLE=all or worker);
 * a domain module offers its own through a static `workers()`.
 */
@Module({})
export class WorkersModule {
  static of(domain: Type, providers: Provider[]): DynamicModule {
    return { module: WorkersModule, imports: [domain], providers };
  }
}
