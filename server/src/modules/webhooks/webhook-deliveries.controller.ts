import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import { DeliveryQueryDto } from './dto/delivery-query.dto';
import { DeliveryDetailDoc, DeliveryDoc } from './dto/webhook-views.dto';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';
import { RequiredRole, RequiresWebhookPlan } from '../accounts/auth/access.decorators';

@V1Controller('webhooks/:id/deliveries')
// Admins manage webhooks; InstantDM gates them by plan (403 "API & Webhook integrations require higher plan").
@RequiredRole('admin')
@RequiresWebhookPlan()
export class WebhookDeliveriesController {
  constructor(private readonly log: WebhookDeliveryLogService) {}

  @Get()
  @ApiPageResponse(DeliveryDoc)
  list(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Query() query: DeliveryQueryDto) {
    return this.log.list(account.id, id, query, query.status);
  }

  @Get(':deliveryId')
  @ApiOkResponse({ type: DeliveryDetailDoc })
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.log.get(account.id, id, deliveryId);
  }

  @Post(':deliveryId/redeliver')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeliveryDoc })
  redeliver(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.log.redeliver(account.id, id, deliveryId);
  }
}
