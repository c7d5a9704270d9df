import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import { InstagramAccountsService } from './instagram-accounts.service';
import { CurrentAccount } from './auth/current-account.decorator';
import { InstagramAccountView, UpdateInstagramAccountDto } from './dto/instagram-account.dto';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { V1Controller } from './auth/v1-controller.decorator';
import { RequiredRole } from './auth/access.decorators';

/** Lists and disconnects; connecting (which asks Meta who the token belongs to) is the instagram-login module's. */
@V1Controller('instagram-accounts')
export class InstagramAccountsController {
  constructor(private readonly instagramAccounts: InstagramAccountsService) {}

  @Get()
  @ApiPageResponse(InstagramAccountView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    return this.instagramAccounts.pageInstagramAccounts(account.id, page);
  }

  /** Settings of one connection: the time zone smart delays read business hours in, the locale date answers are read in. */
  @Patch(':id')
  @RequiredRole('admin')
  @ApiOkResponse({ type: InstagramAccountView, description: 'unknown_time_zone / invalid_locale (400) for a zone or locale that is none' })
  update(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateInstagramAccountDto,
  ): Promise<InstagramAccountView> {
    return this.instagramAccounts.updateInstagramAccount(account.id, id, body);
  }

  @Delete(':id')
  @RequiredRole('admin')
  @HttpCode(204)
  disconnect(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.instagramAccounts.disconnectInstagramAccount(account.id, id);
  }
}
