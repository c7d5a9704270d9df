import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { QueueInspector } from '../queue/queue-inspector';
import { HealthService } from './health.service';

const PROBE_TIMEOUT_MS = 2_000;

/** The checks behind /health/ready, each a terminus indicator with a timeout. */
@Injectable()
export class Readiness {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly typeOrm: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
    private readonly health: HealthService,
    private readonly queues: QueueInspector,
  ) {}

  readonly checks = [
    () => this.typeOrm.pingCheck('postgres', { timeout: PROBE_TIMEOUT_MS }),
    () =>
      this.indicators
        .check('redis')
        .attempt(() => this.health.pingRedis())
        .withTimeout(PROBE_TIMEOUT_MS),
    () =>
      this.indicators
        .check('migrations')
        .attempt(async () => {
          // The server applies them at start; pending ones mean another version's code runs against this database.
          if (await this.dataSource.showMigrations()) throw new Error('migrations are pending');
        })
        .withTimeout(PROBE_TIMEOUT_MS),
    () =>
      this.indicators
        .check('queues')
        .attempt(() => this.queues.ping())
        .withTimeout(PROBE_TIMEOUT_MS),
  ];
}
