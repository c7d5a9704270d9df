import { Controller, Get, HttpCode, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../accounts/auth/api-key.guard';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { ApiPageResponse } from '../../core/http/api-responses';
import { apiValidationPipe } from '../../core/http/validation.pipe';
import { DeliveryQueryDto } from './dto/delivery-query.dto';
import { DeliveryDetailDoc, DeliveryDoc } from './dto/webhook-views.dto';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks/:id/deliveries')
@UseGuards(ApiKeyGuard)
@UsePipes(apiValidationPipe())
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
