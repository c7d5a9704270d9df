import { PeopleErrors } from '../accounts/accounts.errors';
import type { RequestAuth } from '../accounts/auth/request-auth';

/**
 * What a tool stands for, so a key may do through /mcp what it may through REST: `read` and `write` are /v1 (an
 * `api-webhook` key is refused; a read-only key only reads), `act` is /api-webhook (a read-only key is refused).
 */
export type ToolAccess = 'read' | 'write' | 'act';

export function checkToolAccess(auth: RequestAuth, access: ToolAccess): void {
  if (auth.kind !== 'api_key') return;
  if (access === 'act') {
    if (auth.scope === 'read-only') throw PeopleErrors.readOnlyApiKey();
    return;
  }
  if (auth.scope === 'api-webhook') throw PeopleErrors.webhookOnlyApiKey();
  if (access === 'write' && auth.scope === 'read-only') throw PeopleErrors.readOnlyApiKey();
}
