import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { appConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source-options';
import { WebhooksModule } from '../webhooks/webhooks.module';

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
