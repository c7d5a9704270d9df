import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { HealthReport, HealthService } from './health.service';
import { Readiness } from './readiness';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly terminus: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  /** The original summary (Postgres and Redis), kept for scripts and the test harness. */
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  /** Liveness: the process answers HTTP. Restart it only when this fails; dependencies being down is not its fault. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.terminus.check([]);
  }

  /** Readiness: Postgres, Redis, migrations applied and the queues reachable. 503 with terminus' report when not. */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.terminus.check(this.readiness.checks);
    } catch (error) {
      // Terminus reports a failed check as a 503 exception; its report is the body operators want, not the error envelope.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
