import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import { AccountsService } from './accounts.service';
import { CurrentAccount } from './auth/current-account.decorator';
import { ConnectInstagramAccountDto, InstagramAccountView } from './dto/instagram-account.dto';
import type { Account } from './entities/account.entity';
import { V1Controller } from './auth/v1-controller.decorator';

@V1Controller('instagram-accounts')
export class InstagramAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiPageResponse(InstagramAccountView)
  list(@CurrentAccount() account: Account, @Query() page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    return this.accounts.pageInstagramAccounts(account.id, page);
  }

  @Post()
  @ApiCreatedResponse({ type: InstagramAccountView })
  async connect(@CurrentAccount() account: Account, @Body() body: ConnectInstagramAccountDto): Promise<InstagramAccountView> {
    const connected = await this.accounts.connectInstagramAccount({
      accountId: account.id,
      igUserId: body.ig_user_id,
      username: body.username,
      accessToken: body.access_token,
    });
    return InstagramAccountView.of(connected);
  }

  @Delete(':id')
  @HttpCode(204)
  disconnect(@CurrentAccount() account: Account, @Param('id') id: string): Promise<void> {
    return this.accounts.disconnectInstagramAccount(account.id, id);
  }
}
