import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccountErrors, PeopleErrors } from '../accounts.errors';
import { ApiKeysService } from '../api-keys.service';
import type { AuthenticatedRequest } from './request-auth';

export type { AuthenticatedRequest } from './request-auth';

/** The key comes from `Authorization: Bearer <key>` or `x-api-key: <key>` (InstantDM's two forms). */
export function apiKeyFromRequest(request: Request): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '');
  const key = bearer?.[1] ?? request.header('x-api-key');
  return key?.trim() || null;
}

/** The active API key the request carries; a missing or unknown key is the stable 401 error. */
export async function requireApiKey(
  apiKeys: ApiKeysService,
  request: Request,
): Promise<NonNullable<Awaited<ReturnType<ApiKeysService['findActiveKey']>>>> {
  const key = apiKeyFromRequest(request);
  if (!key) throw AccountErrors.missingApiKey();
  const found = await apiKeys.findActiveKey(key);
  if (!found) throw AccountErrors.invalidApiKey();
  return found;
}

/** Machines only (/api-webhook): a full or `api-webhook` key; a read-only key is refused. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const found = await requireApiKey(this.apiKeys, request);
    if (found.apiKey.scope === 'read-only') throw PeopleErrors.readOnlyApiKey();
    request.account = found.account;
    request.auth = { kind: 'api_key', apiKeyId: found.apiKey.id, scope: found.apiKey.scope, role: 'admin' };
    return true;
  }
}
