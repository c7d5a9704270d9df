import { applyDecorators, Controller, UseGuards, UseInterceptors, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdempotencyInterceptor } from '../../../core/idempotency/idempotency.interceptor';
import { apiValidationPipe } from '../../../core/http/validation.pipe';
import { RequestAuthGuard } from './request-auth.guard';

/**
 * A controller of the /v1 REST API: under `v1/<path>`, tagged in the OpenAPI document, behind an API key or the
 * session cookie (RequestAuthGuard: roles, CSRF, plan gates; see access.decorators.ts), with the API's DTO
 * validation, its POSTs honouring Idempotency-Key. `tag` defaults to the path's first segment.
 */
export function V1Controller(path: string, tag = path.split('/')[0]): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    Controller(`v1/${path}`),
    UseGuards(RequestAuthGuard),
    UseInterceptors(IdempotencyInterceptor),
    UsePipes(apiValidationPipe()),
  );
}
