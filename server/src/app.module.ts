import { BroadcastsModule } from './modules/broadcasts/broadcasts.module';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './modules/accounts/accounts.module';
import { ActionApiModule } from './modules/action-api/action-api.module';
import { McpModule } from './modules/mcp/mcp.module';
import { UsageModule } from './modules/usage/usage.module';
import { AiModule } from './modules/ai/ai.module';
import { ContactsModule } from './modules/contacts/contacts.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { LiveChatModule } from './modules/live-chat/live-chat.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { EngineModule } from './modules/engine/engine.module';
import { FlowAnalyticsModule } from './modules/flow-analytics/flow-analytics.module';
import { FlowsModule } from './modules/flows/flows.module';
import { InboxModule } from './modules/inbox/inbox.module';
import { InstagramLoginModule } from './modules/instagram-login/instagram-login.module';
import { MessagingModule } from './modules/messaging/messaging.module';
import { InstagramMediaModule } from './modules/instagram-media/instagram-media.module';
import { MessengerProfileModule } from './modules/messenger-profile/messenger-profile.module';
import { WebhookDeliveryModule } from './modules/webhooks/webhook-delivery.module';
import { MetaModule } from './modules/meta/meta.module';
import { RoutingModule } from './modules/routing/routing.module';
import { RunsModule } from './modules/runs/runs.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { ErrorEnvelopeFilter } from './core/errors/error-envelope.filter';
import { ErrorsModule } from './core/errors/errors.module';
import type { AppConfig, ProcessRole } from './core/config/config';
import { APP_CONFIG, ConfigModule } from './core/config/config.module';
import type { FaultPoints } from './core/faults/fault-points';
import { FaultsModule } from './core/faults/faults.module';
import { dataSourceOptions } from './core/database/data-source-options';
import { HealthModule } from './core/health/health.module';
import { LivenessModule } from './core/liveness/liveness.module';
import { LoggingModule } from './core/logging/logging.module';
import { RateLimitModule } from './core/http/rate-limits/rate-limit.module';
import { RequestIdMiddleware } from './core/logging/request-id.middleware';
import { createRootLogger, RootLogger } from './core/logging/root-logger';
import { MetricsEndpointModule } from './core/metrics/metrics-endpoint.module';
import { QueueBoardModule } from './core/operator/queue-board.module';
import { QueuesModule } from './core/queue/queues.module';
import { RedisModule } from './core/redis/redis.module';

/** Each domain's queue processors, sweepers and pruners. */
function workerModules(): DynamicModule[] {
  return [
    EngineModule.workers(),
    MessagingModule.workers(),
    WebhookDeliveryModule.workers(),
    InboxModule.workers(),
    RoutingModule.workers(),
    InstagramLoginModule.workers(),
    BroadcastsModule.workers(),
  ];
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, { preparedStatements: config.databasePreparedStatements }),
        autoLoadEntities: true,
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
    ErrorsModule,
    LivenessModule,
    QueuesModule,
    RedisModule,
    HealthModule,
    MetricsEndpointModule,
    QueueBoardModule,
    RateLimitModule,
    AccountsModule,
    UsageModule,
    AiModule,
    ContactsModule,
    ConversationsModule,
    LiveChatModule,
    NotificationsModule,
    FlowsModule,
    FlowAnalyticsModule,
    MessagingModule,
    InstagramMediaModule,
    MessengerProfileModule,
    WebhooksModule,
    ActionApiModule,
    McpModule,
    EngineModule,
    RunsModule,
    WebhookDeliveryModule,
    InboxModule,
    MetaModule,
    RoutingModule,
    InstagramLoginModule,
    BroadcastsModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ErrorEnvelopeFilter }],
})
export class AppModule implements NestModule {
  /** The one place that decides what a role runs: `api` no workers; `worker` and `all` every module's `workers()`. */
  static forRole(
    role: ProcessRole,
    config: AppConfig,
    { faults, logger }: { faults?: FaultPoints; logger?: RootLogger } = {},
  ): DynamicModule {
    const workers = role === 'api' ? [] : workerModules();
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger ?? createRootLogger(config)),
        FaultsModule.forRoot(faults),
        ...workers,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*');
  }
}
