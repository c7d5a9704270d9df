import { Global, Module } from '@nestjs/common';
import { IdempotencyKeys } from './idempotency-keys';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Idempotency-Key handling for every API that accepts one (/api-webhook, the /v1 POSTs). */
@Global()
@Module({ providers: [IdempotencyKeys, IdempotencyInterceptor], exports: [IdempotencyKeys, IdempotencyInterceptor] })
export class IdempotencyModule {}
