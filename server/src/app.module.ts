import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { ActionApiModule } from './action-api/action-api.module';
import { UsageModule } from './accounts/usage/usage.module';
import { ContactsModule } from './contacts/contacts.module';
import { EngineModule } from './engine/engine.module';
import { FlowAnalyticsModule } from './flow-analytics/flow-analytics.module';
import { FlowsModule } from './flows/flows.module';
import { InboxModule } from './inbox/inbox.module';
import { MessagingModule } from './messaging/messaging.module';
import { WebhookDeliveryModule } from './webhooks/webhook-delivery.module';
import { MetaModule } from './meta/meta.module';
import { TriggersModule } from './triggers/triggers.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ErrorEnvelopeFilter } from './common/error-envelope.filter';
import { appConfig } from './config/config';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { RequestIdMiddleware } from './logging/request-id.middleware';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => ({ ...dataSourceOptions(appConfig().databaseUrl), autoLoadEntities: true, retryAttempts: 2, retryDelay: 1000 }),
    }),
    QueuesModule,
    RedisModule,
    HealthModule,
    AccountsModule,
    UsageModule,
    ContactsModule,
    FlowsModule,
    FlowAnalyticsModule,
    MessagingModule,
    WebhooksModule,
    ActionApiModule,
    EngineModule,
    WebhookDeliveryModule,
    InboxModule,
    MetaModule,
    TriggersModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ErrorEnvelopeFilter }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*');
  }
}
