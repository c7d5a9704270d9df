import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErrorEnvelopeFilter } from './common/error-envelope.filter';
import { appConfig } from './config/config';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { RequestIdMiddleware } from './logging/request-id.middleware';
import { QueuesModule } from './queues/queues.module';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => ({ ...dataSourceOptions(appConfig().databaseUrl), autoLoadEntities: true, retryAttempts: 2, retryDelay: 1000 }),
    }),
    QueuesModule,
    HealthModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ErrorEnvelopeFilter }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*');
  }
}
