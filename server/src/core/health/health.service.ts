import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { appConfig } from '../config/config';

export type DependencyStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  postgres: DependencyStatus;
  redis: DependencyStatus;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  // A dedicated client that fails at once while disconnected, instead of queueing the PING.
  private readonly redis = new Redis(appConfig().redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 500,
  });

  constructor(private readonly dataSource: DataSource) {
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.redis.ping()),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'degraded', postgres, redis };
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
