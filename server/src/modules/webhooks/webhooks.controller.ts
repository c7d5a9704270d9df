import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { PageQueryDto } from '../../core/http/pagination';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookEndpointDoc, WebhookEndpointWithSecretDoc } from './dto/webhook-views.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { RequiredRole, RequiresWebhookPlan } from '../accounts/auth/access.decorators';

@V1Controller('webhooks')
// Admins manage webhooks; InstantDM gates them by plan (403 "API & Webhook integrations require higher plan").
@RequiredRole('admin')
@RequiresWebhookPlan()
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @ApiPageResponse(WebhookEndpointDoc)
  list(@CurrentAccount() account: AuthenticatedAccount, @Query() query: PageQueryDto) {
    return this.endpoints.list(account.id, query);
  }

  @Post()
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDoc })
  create(@CurrentAccount() account: AuthenticatedAccount, @Body() body: CreateWebhookDto) {
    return this.endpoints.create(account.id, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointDoc })
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.endpoints.get(account.id, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookEndpointDoc })
  update(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Body() body: UpdateWebhookDto) {
    return this.endpoints.update(account.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.endpoints.remove(account.id, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookEndpointWithSecretDoc })
  rotateSecret(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.endpoints.rotateSecret(account.id, id);
  }
}
