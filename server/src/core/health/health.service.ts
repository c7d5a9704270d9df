import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';

export type DependencyStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  postgres: DependencyStatus;
  redis: DependencyStatus;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref())]);
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly dataSource: DataSource,
    @InjectAppConfig() config: Pick<AppConfig, 'redisUrl'>,
  ) {
    // A dedicated client that fails at once while disconnected, instead of queueing the PING.
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 500,
    });
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1')), this.probe(() => this.redis.ping())]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'degraded', postgres, redis };
  }

  /** Throws unless Redis answers PING (for readiness). */
  async pingRedis(): Promise<void> {
    await withTimeout(this.redis.ping());
  }

  private async probe(fn: () => Promise<unknown>): Promise<DependencyStatus> {
    try {
      await withTimeout(fn());
      return 'up';
    } catch {
      return 'down';
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
