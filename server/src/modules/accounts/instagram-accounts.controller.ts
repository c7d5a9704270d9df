import { Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import { InstagramAccountsService } from './instagram-accounts.service';
import { CurrentAccount } from './auth/current-account.decorator';
import { InstagramAccountView } from './dto/instagram-account.dto';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { V1Controller } from './auth/v1-controller.decorator';

/** Lists and disconnects; connecting (which asks Meta who the token belongs to) is the instagram-login module's. */
@V1Controller('instagram-accounts')
export class InstagramAccountsController {
  constructor(private readonly instagramAccounts: InstagramAccountsService) {}

  @Get()
  @ApiPageResponse(InstagramAccountView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    return this.instagramAccounts.pageInstagramAccounts(account.id, page);
  }

  @Delete(':id')
  @HttpCode(204)
  disconnect(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.instagramAccounts.disconnectInstagramAccount(account.id, id);
  }
}
