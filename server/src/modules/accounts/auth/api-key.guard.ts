import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppException } from '../../../core/errors/app.exception';
import { ApiKeysService } from '../api-keys.service';
import type { AuthenticatedAccount } from './authenticated-account';

export type AuthenticatedRequest = Request & { account: AuthenticatedAccount };

/** The key comes from `Authorization: Bearer <key>` or `x-api-key: <key>` (InstantDM's two forms). */
export function apiKeyFromRequest(request: Request): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '');
  const key = bearer?.[1] ?? request.header('x-api-key');
  return key?.trim() || null;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = apiKeyFromRequest(request);
    if (!key) throw new AppException(HttpStatus.UNAUTHORIZED, 'missing_api_key', 'Missing API key');
    const account = await this.apiKeys.accountForApiKey(key);
    if (!account) throw new AppException(HttpStatus.UNAUTHORIZED, 'invalid_api_key', 'Invalid API key');
    request.account = account;
    return true;
  }
}
