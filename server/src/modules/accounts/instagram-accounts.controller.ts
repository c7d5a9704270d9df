import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import { InstagramAccountsService } from './instagram-accounts.service';
import { CurrentAccount } from './auth/current-account.decorator';
import { ConnectInstagramAccountDto, InstagramAccountView } from './dto/instagram-account.dto';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { V1Controller } from './auth/v1-controller.decorator';
import { RequiredRole } from './auth/access.decorators';

@V1Controller('instagram-accounts')
export class InstagramAccountsController {
  constructor(private readonly instagramAccounts: InstagramAccountsService) {}

  @Get()
  @ApiPageResponse(InstagramAccountView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    return this.instagramAccounts.pageInstagramAccounts(account.id, page);
  }

  @Post()
  @RequiredRole('admin')
  @ApiCreatedResponse({ type: InstagramAccountView })
  async connect(@CurrentAccount() account: AuthenticatedAccount, @Body() body: ConnectInstagramAccountDto): Promise<InstagramAccountView> {
    const connected = await this.instagramAccounts.connectInstagramAccount({
      accountId: account.id,
      igUserId: body.ig_user_id,
      username: body.username,
      accessToken: body.access_token,
    });
    return InstagramAccountView.of(connected);
  }

  @Delete(':id')
  @RequiredRole('admin')
  @HttpCode(204)
  disconnect(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.instagramAccounts.disconnectInstagramAccount(account.id, id);
  }
}
