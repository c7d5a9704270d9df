import { Module } from '@nestjs/common';
import { Metrics } from './metrics';

/** The process's one metrics registry. Imported by every module that counts something; Nest keeps one instance. */
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
