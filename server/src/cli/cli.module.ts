import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../modules/accounts/accounts.module';
import { appConfig } from '../core/config/config';
import { dataSourceOptions } from '../core/database/data-source-options';
import { WebhooksModule } from '../modules/webhooks/webhooks.module';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => ({ ...dataSourceOptions(appConfig().databaseUrl), autoLoadEntities: true, retryAttempts: 0 }),
    }),
    AccountsModule,
    WebhooksModule,
  ],
})
export class CliModule {}
