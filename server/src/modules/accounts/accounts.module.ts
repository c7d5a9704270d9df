import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../../core/idempotency/idempotency.module';
import { AccountsService } from './accounts.service';
import { ApiKeysService } from './api-keys.service';
import { InstagramAccountsService } from './instagram-accounts.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { InstagramAccountsController } from './instagram-accounts.controller';
import { WhoamiController } from './whoami.controller';
import { Account } from './entities/account.entity';
import { ApiKey } from './entities/api-key.entity';
import { InstagramAccount } from './entities/instagram-account.entity';

/**
 * Accounts, API keys (and the guard that checks them) and Instagram connections: every module with a /v1 controller
 * imports it, and with it the Idempotency-Key interceptor every /v1 controller uses (V1Controller).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Account, ApiKey, InstagramAccount]), IdempotencyModule],
  controllers: [WhoamiController, InstagramAccountsController],
  providers: [AccountsService, ApiKeysService, InstagramAccountsService, ApiKeyGuard],
  exports: [AccountsService, ApiKeysService, InstagramAccountsService, ApiKeyGuard, IdempotencyModule],
})
export class AccountsModule {}
