import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../modules/accounts/accounts.module';
import type { AppConfig } from '../core/config/config';
import { APP_CONFIG, ConfigModule } from '../core/config/config.module';
import { dataSourceOptions } from '../core/database/data-source-options';
import { WebhooksModule } from '../modules/webhooks/webhooks.module';
import { InstagramLoginModule } from '../modules/instagram-login/instagram-login.module';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.databaseUrl), autoLoadEntities: true, retryAttempts: 0 }),
    }),
    AccountsModule,
    WebhooksModule,
    InstagramLoginModule,
  ],
})
export class CliModule {
  static withConfig(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config)] };
  }
}
