import { Get } from '@nestjs/common';
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
}

@V1Controller('whoami', 'accounts')
export class WhoamiController {
  @Get()
  @ApiOkResponse({ type: WhoamiView })
  whoami(@CurrentAccount() account: AuthenticatedAccount): WhoamiView {
    return { account: { id: account.id, name: account.name, plan: account.plan } };
  }
}
