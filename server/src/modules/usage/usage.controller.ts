import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../accounts/auth/api-key.guard';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { UsageView } from './usage.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@ApiBearerAuth()
@Controller('v1/usage')
@UseGuards(ApiKeyGuard)
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @ApiOperation({ summary: 'Plan, action API hourly headroom, credits, and Instagram send-limit headroom' })
  @ApiOkResponse({ type: UsageView })
  get(@CurrentAccount() account: AuthenticatedAccount): Promise<UsageView> {
    return this.usage.usage(account);
  }
}
