import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { PeopleErrors } from '../accounts.errors';
import { ApiKeysService } from '../api-keys.service';
import { planFor } from '../plans';
import { requireApiKey } from './api-key.guard';
import type { AuthenticatedRequest } from './request-auth';

/**
 * /mcp: an API key only (assistants are machines), on a plan with API access, as /v1 and /api-webhook require. Any
 * scope gets in; each tool then allows what the key may do through the REST route it stands for (mcp-access.ts).
 */
@Injectable()
export class McpAuthGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const found = await requireApiKey(this.apiKeys, request);
    if (!planFor(found.account.plan).apiAccess) throw PeopleErrors.planWithoutApiAccess();
    request.account = found.account;
    const role = found.apiKey.scope === 'read-only' ? 'viewer' : 'admin';
    request.auth = { kind: 'api_key', apiKeyId: found.apiKey.id, scope: found.apiKey.scope, role };
    return true;
  }
}
