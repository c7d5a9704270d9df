import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { httpLoggerOptions, RootLogger } from './root-logger';

/** nestjs-pino over the process's root logger: Nest's own logs and the request log share one pino instance. */
@Module({})
export class LoggingModule {
  static forRoot(logger: RootLogger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(logger), renameContext: 'context' })],
      exports: [LoggerModule],
    };
  }
}
