import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './config';

/** The DI token of the process's validated AppConfig. */
export const APP_CONFIG = 'AppConfig';

/** `@InjectAppConfig() private readonly config: AppConfig` (or a Pick of it, which keeps a class's needs visible). */
export function InjectAppConfig(): ParameterDecorator {
  return Inject(APP_CONFIG);
}

/** Provides the config a command loaded and validated at start; nothing reads the environment at import time. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
