import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { CurrentAccount } from './current-account.decorator';
import type { Account } from './entities/account.entity';

@Controller('v1/whoami')
@UseGuards(ApiKeyGuard)
export class WhoamiController {
  @Get()
  whoami(@CurrentAccount() account: Account) {
    return { account: { id: account.id, name: account.name, plan: account.plan } };
  }
}
