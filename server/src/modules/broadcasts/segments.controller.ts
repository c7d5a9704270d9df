import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { BroadcastsService } from './broadcasts.service';
import { CreateSegmentDto, SegmentView } from './dto/segment.dto';

@V1Controller('segments')
export class SegmentsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

  @Post()
  @ApiCreatedResponse({ type: SegmentView })
  create(@CurrentAccount() account: AuthenticatedAccount, @Body() body: CreateSegmentDto): Promise<SegmentView> {
    return this.broadcasts.createSegment(account.id, body);
  }

  @Get()
  @ApiPageResponse(SegmentView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: PageQueryDto): Promise<Page<SegmentView>> {
    return this.broadcasts.listSegments(account.id, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SegmentView })
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<SegmentView> {
    return this.broadcasts.getSegment(account.id, id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentAccount() account: AuthenticatedAccount, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.broadcasts.deleteSegment(account.id, id);
  }
}
