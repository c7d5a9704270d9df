import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsPortServer } from './metrics-port.server';
import { MetricsController } from './metrics.controller';
import { MetricsModule } from './metrics.module';
import { PlatformCollectors } from './platform-collectors';

/** The server's side of metrics: /metrics (token or METRICS_PORT), HTTP timings and the platform's own gauges. */
@Module({
  imports: [MetricsModule],
  controllers: [MetricsController],
  providers: [MetricsPortServer, PlatformCollectors, HttpMetricsMiddleware],
})
export class MetricsEndpointModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
