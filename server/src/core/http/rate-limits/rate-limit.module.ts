import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { RateLimitMiddleware } from './rate-limit.middleware';
import { RequestRateLimits } from './request-rate-limits';

/** Rate limits on the authenticated API: per client IP, per API key, and failed authentications per IP (docs/security.md). */
@Module({ providers: [RequestRateLimits, RateLimitMiddleware] })
export class RateLimitModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes('v1/*path', 'api-webhook', 'mcp');
  }
}
