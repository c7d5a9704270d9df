import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CurrentAccount } from './auth/current-account.decorator';
import type { AuthenticatedAccount } from './auth/authenticated-account';

class WhoamiAccountView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'plan id, e.g. trendsetter' }) plan: string;
}

class WhoamiView {
  @ApiProperty({ type: WhoamiAccountView }) account: WhoamiAccountView;
}

@ApiTags('accounts')
@Controller('v1/whoami')
@UseGuards(ApiKeyGuard)
export class WhoamiController {
  @Get()
  @ApiOkResponse({ type: WhoamiView })
  whoami(@CurrentAccount() account: AuthenticatedAccount): WhoamiView {
    return { account: { id: account.id, name: account.name, plan: account.plan } };
  }
}
