import { Get, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth/request-auth';
import { ROLES, type Role } from './auth/roles';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { CurrentAccount } from './auth/current-account.decorator';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { V1Controller } from './auth/v1-controller.decorator';

class WhoamiAccountView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'plan id, e.g. trendsetter' }) plan: string;
}

class WhoamiView {
  @ApiProperty({ type: WhoamiAccountView }) account: WhoamiAccountView;
  @ApiProperty({ enum: ['session', 'api_key'] }) credential: 'session' | 'api_key';
  @ApiProperty({ enum: ROLES, description: 'a full API key acts as admin, a read-only one as viewer' }) role: Role | null;
}

@V1Controller('whoami', 'accounts')
export class WhoamiController {
  @Get()
  @ApiOkResponse({ type: WhoamiView })
  whoami(@CurrentAccount() account: AuthenticatedAccount, @Req() request: AuthenticatedRequest): WhoamiView {
    return { account: { id: account.id, name: account.name, plan: account.plan }, credential: request.auth.kind, role: request.auth.role };
  }
}
