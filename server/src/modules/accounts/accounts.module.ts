import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { McpAuthGuard } from './auth/mcp-auth.guard';
import { RequestAuthGuard } from './auth/request-auth.guard';
import { Invite } from './entities/invite.entity';
import { Membership } from './entities/membership.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { AuthController } from './people/auth.controller';
import { InvitesService } from './people/invites.service';
import { InvitesController, MembersController } from './people/members.controller';
import { MembersService } from './people/members.service';
import { PeopleService } from './people/people.service';
import { SignInService } from './people/sign-in.service';
import { SessionsService } from './sessions/sessions.service';
import { WorkspaceController } from './workspace.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountChangesModule } from '../../core/database/account-changes';
import { IdempotencyModule } from '../../core/idempotency/idempotency.module';
import { AccountsService } from './accounts.service';
import { ApiKeysService } from './api-keys.service';
import { InstagramAccountsService } from './instagram-accounts.service';
import { ConnectedInstagramAccountsCache } from './connected-instagram-accounts.cache';
import { ApiKeyGuard } from './auth/api-key.guard';
import { InstagramAccountsController } from './instagram-accounts.controller';
import { WhoamiController } from './whoami.controller';
import { Account } from './entities/account.entity';
import { ApiKey } from './entities/api-key.entity';
import { InstagramAccount } from './entities/instagram-account.entity';

const AUTH_PROVIDERS = [ApiKeysService, SessionsService, PeopleService, ApiKeyGuard, RequestAuthGuard, McpAuthGuard];

/**
 * Accounts (workspaces), the people in them (users, memberships, sessions, invites), API keys, the guards that
 * check both credentials, and Instagram connections: every module with a /v1 controller imports it, and with it the
 * Idempotency-Key interceptor every /v1 controller uses (V1Controller).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Account, ApiKey, InstagramAccount, User, Membership, Session, Invite]),
    IdempotencyModule,
    AccountChangesModule,
  ],
  controllers: [
    WhoamiController,
    InstagramAccountsController,
    AuthController,
    MembersController,
    InvitesController,
    ApiKeysController,
    WorkspaceController,
  ],
  providers: [
    AccountsService,
    InstagramAccountsService,
    ConnectedInstagramAccountsCache,
    InvitesService,
    MembersService,
    SignInService,
    ...AUTH_PROVIDERS,
  ],
  exports: [AccountsService, InstagramAccountsService, ...AUTH_PROVIDERS, IdempotencyModule],
})
export class AccountsModule {}
