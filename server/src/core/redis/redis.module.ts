import { Global, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';

/**
 * One shared Redis connection for counters (plan limits, Instagram send limits). Keys carry QUEUE_PREFIX so
 * installs and test runs sharing a Redis never count into each other.
 */
@Injectable()
export class RedisCounters implements OnModuleDestroy {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@InjectAppConfig() config: Pick<AppConfig, 'redisUrl' | 'queuePrefix'>) {
    this.client = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
    this.prefix = `${config.queuePrefix}:counters`;
    this.client.on('error', () => undefined);
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}

@Global()
@Module({ providers: [RedisCounters], exports: [RedisCounters] })
export class RedisModule {}
