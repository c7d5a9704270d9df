import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { BroadcastsService } from './broadcasts.service';
import { BroadcastView, CreateBroadcastDto } from './dto/broadcast.dto';

@V1Controller('broadcasts')
export class BroadcastsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

  @Post()
  @ApiCreatedResponse({ type: BroadcastView })
  create(@CurrentAccount() account: AuthenticatedAccount, @Body() body: CreateBroadcastDto): Promise<BroadcastView> {
    return this.broadcasts.createBroadcast(account.id, body);
  }

  @Get()
  @ApiPageResponse(BroadcastView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: PageQueryDto): Promise<Page<BroadcastView>> {
    return this.broadcasts.listBroadcasts(account.id, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: BroadcastView })
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<BroadcastView> {
    return this.broadcasts.getBroadcast(account.id, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastView })
  pause(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<BroadcastView> {
    return this.broadcasts.change(account.id, id, 'pause');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastView })
  resume(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<BroadcastView> {
    return this.broadcasts.change(account.id, id, 'resume');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: BroadcastView })
  cancel(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<BroadcastView> {
    return this.broadcasts.change(account.id, id, 'cancel');
  }
}
