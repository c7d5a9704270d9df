import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import { apiValidationPipe } from '../../core/http/validation.pipe';
import { InstagramAccountsService } from './instagram-accounts.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { CurrentAccount } from './auth/current-account.decorator';
import { ConnectInstagramAccountDto, InstagramAccountView } from './dto/instagram-account.dto';
import type { AuthenticatedAccount } from './auth/authenticated-account';

@ApiTags('instagram-accounts')
@ApiBearerAuth()
@Controller('v1/instagram-accounts')
@UseGuards(ApiKeyGuard)
@UsePipes(apiValidationPipe())
export class InstagramAccountsController {
  constructor(private readonly instagramAccounts: InstagramAccountsService) {}

  @Get()
  @ApiPageResponse(InstagramAccountView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    return this.instagramAccounts.pageInstagramAccounts(account.id, page);
  }

  @Post()
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
  @HttpCode(204)
  disconnect(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.instagramAccounts.disconnectInstagramAccount(account.id, id);
  }
}
