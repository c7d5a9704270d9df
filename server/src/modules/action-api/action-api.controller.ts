import { Body, Controller, Headers, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../accounts/auth/api-key.guard';
import { CurrentAccount } from '../accounts/auth/current-account.decorator';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import type { RequestAuth } from '../accounts/auth/request-auth';
import { currentRequestId, newRequestId } from '../../core/logging/request-context';
import { ActionApiExceptionFilter } from './action-api-exception.filter';
import { ActionApiService } from './action-api.service';

/** InstantDM's single action endpoint. Errors use InstantDM's body, not the /v1 envelope. */
@ApiTags('action-api')
@ApiBearerAuth()
@ApiSecurity('x-api-key')
@Controller('api-webhook')
@UseFilters(ActionApiExceptionFilter)
@UseGuards(ApiKeyGuard)
export class ActionApiController {
  constructor(private readonly actions: ActionApiService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Act on Instagram (InstantDM-compatible): post_comment, or send_message (type dm or comment_reply)',
    description:
      'Errors answer InstantDM\'s body {"error", "code", "request_id"} with the statuses and messages of its error table; see docs/action-api.md.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Within 24 h the same key replays the first response; another body with it is 422.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['action'],
      properties: {
        action: { type: 'string', enum: ['post_comment', 'send_message'] },
        type: { type: 'string', enum: ['dm', 'comment_reply'], default: 'dm' },
        recipient_id: { type: 'string' },
        comment_id: { type: 'string' },
        comment_text: { type: 'string', maxLength: 2200 },
        message: { type: 'object', description: 'text, attachment (image, video, audio, button template) or text with quick_replies' },
        instagram_account_id: { type: 'string', description: 'which connected Instagram account acts (default: the first)' },
      },
    },
  })
  @ApiResponse({
    status: 200,
    description: '{"message": "Comment reply posted", "comment_id"} or {"message": "Message sent", "message_id", "recipient_id"}',
  })
  async act(
    @CurrentAccount() account: AuthenticatedAccount,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request & { requestId?: string; auth?: RequestAuth },
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const result = await this.actions.handle({
      account,
      apiKeyId: request.auth?.kind === 'api_key' ? request.auth.apiKeyId : null,
      body,
      isJson: request.is('application/json') === 'application/json',
      idempotencyKey: idempotencyKey ?? null,
      requestId: request.requestId ?? currentRequestId() ?? newRequestId(),
    });
    response.status(result.status).set(result.headers);
    return result.body;
  }
}
