import { Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import type { StoredBatch } from '../inbox/inbox.service';
import { MetaWebhookService } from './meta-webhook.service';

/** Meta's webhook callback URL: GET for the subscription handshake, POST for signed event batches. */
@Controller('meta/webhook')
export class MetaWebhookController {
  constructor(private readonly meta: MetaWebhookService) {}

  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(
    @Query('hub.mode') mode?: string,
    @Query('hub.verify_token') verifyToken?: string,
    @Query('hub.challenge') challenge?: string,
  ): string {
    return this.meta.verifySubscription({ mode, verifyToken, challenge });
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  receive(@Req() request: RawBodyRequest<Request>): Promise<StoredBatch> {
    return this.meta.accept({
      rawBody: request.rawBody,
      signature: request.header('x-hub-signature-256'),
      contentType: request.header('content-type'),
      body: request.body,
    });
  }
}
