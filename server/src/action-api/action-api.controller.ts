import { Body, Controller, Headers, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../accounts/api-key.guard';
import { CurrentAccount } from '../accounts/current-account.decorator';
import type { Account } from '../accounts/entities/account.entity';
import { currentRequestId, newRequestId } from '../logging/request-context';
import { ActionApiExceptionFilter } from './action-api-exception.filter';
import { ActionApiService } from './action-api.service';

/** InstantDM's single action endpoint. Errors use InstantDM's body, not the /v1 envelope. */
@Controller('api-webhook')
@UseFilters(ActionApiExceptionFilter)
@UseGuards(ApiKeyGuard)
export class ActionApiController {
  constructor(private readonly actions: ActionApiService) {}

  @Post()
  @HttpCode(200)
  async act(
    @CurrentAccount() account: Account,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request & { requestId?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const result = await this.actions.handle({ account, body, isJson: request.is('application/json') === 'application/json', idempotencyKey: idempotencyKey ?? null, requestId: request.requestId ?? currentRequestId() ?? newRequestId() });
    response.status(result.status).set(result.headers);
    return result.body;
  }
}
