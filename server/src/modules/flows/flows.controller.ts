import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import { Page, PageQueryDto } from '../../core/http/pagination';
import {
  CreateFlowDto,
  DuplicateFlowDto,
  FlowSummaryView,
  FlowValidationView,
  FlowVersionView,
  FlowView,
  UpdateFlowDto,
} from './dto/flow.dto';
import { FlowsService } from './flows.service';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';

@V1Controller('flows')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Get()
  @ApiPageResponse(FlowSummaryView)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: PageQueryDto): Promise<Page<FlowSummaryView>> {
    return this.flows.list(account.id, query);
  }

  @Post()
  @ApiCreatedResponse({ type: FlowView })
  create(@CurrentAccount() account: AuthenticatedAccount, @Body() input: CreateFlowDto): Promise<FlowView> {
    return this.flows.create(account.id, input);
  }

  @Get(':id')
  @ApiOkResponse({ type: FlowView })
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<FlowView> {
    return this.flows.get(account.id, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: FlowView })
  update(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Body() changes: UpdateFlowDto): Promise<FlowView> {
    return this.flows.update(account.id, id, changes);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<void> {
    return this.flows.remove(account.id, id);
  }

  @Post(':id/duplicate')
  @ApiCreatedResponse({ type: FlowView })
  duplicate(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Body() input: DuplicateFlowDto): Promise<FlowView> {
    return this.flows.duplicate(account.id, id, input);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lets the flow start runs from its trigger again (idempotent)' })
  @ApiOkResponse({ type: FlowView })
  @ApiNotFoundResponse({ description: 'flow_not_found' })
  enable(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<FlowView> {
    return this.flows.setEnabled(account.id, id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops the flow from starting new runs; runs already open go on (idempotent)' })
  @ApiOkResponse({ type: FlowView })
  @ApiNotFoundResponse({ description: 'flow_not_found' })
  disable(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<FlowView> {
    return this.flows.setEnabled(account.id, id, false);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @ApiOkResponse({ type: FlowValidationView })
  validate(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<FlowValidationView> {
    return this.flows.validate(account.id, id);
  }

  @Post(':id/publish')
  @ApiCreatedResponse({ type: FlowVersionView })
  publish(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string): Promise<FlowVersionView> {
    return this.flows.publish(account.id, id);
  }

  @Get(':id/versions')
  @ApiPageResponse(FlowVersionView)
  listVersions(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<FlowVersionView>> {
    return this.flows.versions(account.id, id, query);
  }

  @Post(':id/versions/:versionId/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: FlowView })
  restore(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id') id: string,
    @Param('versionId') versionId: string,
  ): Promise<FlowView> {
    return this.flows.restore(account.id, id, versionId);
  }
}
