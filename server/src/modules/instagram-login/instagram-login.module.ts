import { DynamicModule, Module } from '@nestjs/common';
import { WorkersModule } from '../../core/workers/workers.module';
import { AccountsModule } from '../accounts/accounts.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { InstagramConnectController } from './instagram-connect.controller';
import { InstagramConnectionsService } from './instagram-connections.service';
import { InstagramLoginClient } from './instagram-login.client';
import { InstagramLoginService } from './instagram-login.service';
import { InstagramOAuthCallbackController } from './instagram-oauth-callback.controller';
import { InstagramTokenRefreshService } from './instagram-token-refresh.service';
import { InstagramTokenRefresher } from './instagram-token-refresher';

/**
 * Connecting Instagram accounts: Business Login (OAuth), the manual token path, and keeping tokens alive. The
 * connections themselves are stored by the accounts module; this module decides which account a token may connect.
 */
@Module({
  imports: [AccountsModule, WebhooksModule],
  controllers: [InstagramConnectController, InstagramOAuthCallbackController],
  providers: [InstagramLoginClient, InstagramConnectionsService, InstagramLoginService, InstagramTokenRefreshService],
  exports: [InstagramConnectionsService, InstagramTokenRefreshService],
})
export class InstagramLoginModule {
  /** The token refresh job, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(InstagramLoginModule, [InstagramTokenRefresher]);
  }
}
