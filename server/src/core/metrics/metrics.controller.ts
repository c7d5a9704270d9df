import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';
import { checkOperatorToken } from '../operator/operator-token';
import { Metrics } from './metrics';

/** Prometheus on the API port: only with METRICS_TOKEN as a bearer token (anonymous scrapes are refused). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'metrics'>,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    checkOperatorToken(authorization, this.config.metrics.token, 'METRICS_TOKEN');
    const { contentType, body } = await this.metrics.exposition();
    response.setHeader('Content-Type', contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(body);
  }
}
