import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { UsageView } from './usage.dto';
import { UsageService } from './usage.service';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';

@V1Controller('usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @ApiOperation({ summary: 'Plan, action API hourly headroom, credits, and Instagram send-limit headroom' })
  @ApiOkResponse({ type: UsageView })
  get(@CurrentAccount() account: AuthenticatedAccount): Promise<UsageView> {
    return this.usage.usage(account);
  }
}
