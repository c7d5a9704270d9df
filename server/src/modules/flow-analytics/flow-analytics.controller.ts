import { Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { FlowAnalyticsQueryDto, FlowAnalyticsView } from './dto/flow-analytics.dto';
import { FlowAnalyticsService } from './flow-analytics.service';
import { V1Controller } from '../accounts/auth/v1-controller.decorator';

@V1Controller('flows')
export class FlowAnalyticsController {
  constructor(private readonly analytics: FlowAnalyticsService) {}

  @Get(':id/analytics')
  @ApiOperation({ summary: 'Per-node funnel of one flow version over the runs started in [from, to)' })
  @ApiOkResponse({ type: FlowAnalyticsView })
  @ApiBadRequestResponse({ description: 'validation_failed, invalid_date_range, date_range_too_long' })
  @ApiNotFoundResponse({ description: 'flow_not_found, flow_version_not_found, flow_not_published' })
  get(
    @CurrentAccount() account: AuthenticatedAccount,
    @Param('id') id: string,
    @Query() query: FlowAnalyticsQueryDto,
  ): Promise<FlowAnalyticsView> {
    return this.analytics.analytics(account.id, id, query);
  }
}
