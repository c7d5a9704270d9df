import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccountErrors } from '../accounts.errors';
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
    if (!key) throw AccountErrors.missingApiKey();
    const account = await this.apiKeys.accountForApiKey(key);
    if (!account) throw AccountErrors.invalidApiKey();
    request.account = account;
    return true;
  }
}
