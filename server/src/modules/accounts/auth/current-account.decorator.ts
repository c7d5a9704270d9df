import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './api-key.guard';
import type { Account } from '../entities/account.entity';

/** The account whose API key authenticated the request (routes guarded by ApiKeyGuard). */
export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): Account => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().account;
});
