import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { IdempotencyKeys } from './idempotency-keys';

/**
 * Idempotency-Key on a POST of the REST API, with /api-webhook's contract (IdempotencyKeys): the first success is
 * stored and replayed (`Idempotent-Replayed: true`) for 24 h; a refusal (any error) releases the key, since a
 * /v1 handler refuses before it changes anything. Needs the authenticated account on the request (`request.account`).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { account?: { id: string } }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined || !request.account) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const fingerprint = { method: request.method, path: request.path, body: request.body as unknown };
    return from(
      this.keys
        .run(
          request.account.id,
          key,
          fingerprint,
          async () => ({ status, body: await lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined }) }),
          () => 'release',
        )
        .then((outcome): unknown => {
          if (outcome.replayed) response.status(outcome.response.status).setHeader('Idempotent-Replayed', 'true');
          return outcome.response.body;
        }),
    );
  }
}
