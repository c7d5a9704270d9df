import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './api-key.guard';
import type { AuthenticatedAccount } from './authenticated-account';

/** The account whose API key authenticated the request (routes guarded by ApiKeyGuard). */
export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedAccount => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().account;
});
