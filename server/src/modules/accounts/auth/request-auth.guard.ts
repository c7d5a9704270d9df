import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { constantTimeEqual } from '../../../core/crypto/token-cipher';
import { AccountErrors, PeopleErrors } from '../accounts.errors';
import { AccountsService } from '../accounts.service';
import { ApiKeysService } from '../api-keys.service';
import { planFor } from '../plans';
import { PeopleService } from '../people/people.service';
import { SessionsService } from '../sessions/sessions.service';
import { PUBLIC_ROUTE, REQUIRED_ROLE, SESSION_ONLY, WEBHOOK_PLAN_GATE, WORKSPACE_OPTIONAL } from './access.decorators';
import { apiKeyFromRequest } from './api-key.guard';
import type { AuthenticatedRequest } from './request-auth';
import { type Role, roleAtLeast } from './roles';
import { CSRF_HEADER, isCrossSite, sessionTokenFromRequest } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /v1 route: an API key (machines) or the session cookie (people), then the route's role, plan gate and,
 * for cookie-authenticated writes, the CSRF check. An Authorization/x-api-key header wins over a cookie.
 */
@Injectable()
export class RequestAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionsService,
    private readonly people: PeopleService,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const meta = <T>(key: string) => this.reflector.getAllAndOverride<T | undefined>(key, [context.getHandler(), context.getClass()]);
    const isWrite = !SAFE_METHODS.has(request.method);
    if (meta<boolean>(PUBLIC_ROUTE)) {
      if (isWrite && isCrossSite(request)) throw PeopleErrors.crossSiteRequest();
      return true;
    }
    const required: Role = meta<Role>(REQUIRED_ROLE) ?? (isWrite ? 'editor' : 'viewer');
    const key = apiKeyFromRequest(request);
    if (key) await this.authenticateApiKey(request, key, meta<boolean>(SESSION_ONLY) ?? false);
    else await this.authenticateSession(request, isWrite, meta<boolean>(WORKSPACE_OPTIONAL) ?? false);

    const role = request.auth.role;
    if (!request.account || !role) return true; // a workspace-optional session route
    if (!roleAtLeast(role, required)) {
      if (request.auth.kind === 'api_key' && request.auth.scope === 'read-only') throw PeopleErrors.readOnlyApiKey();
      throw PeopleErrors.insufficientRole(required, role);
    }
    if (meta<boolean>(WEBHOOK_PLAN_GATE) && !planFor(request.account.plan).apiAccess) throw PeopleErrors.planWithoutWebhooks();
    return true;
  }

  private async authenticateApiKey(request: AuthenticatedRequest, key: string, sessionOnly: boolean): Promise<void> {
    const found = await this.apiKeys.findActiveKey(key);
    if (!found) throw AccountErrors.invalidApiKey();
    if (sessionOnly) throw PeopleErrors.sessionRequired();
    if (found.apiKey.scope === 'api-webhook') throw PeopleErrors.webhookOnlyApiKey();
    // InstantDM's contract: a key on a plan without API access (e.g. after a downgrade) is refused.
    if (!planFor(found.account.plan).apiAccess) throw PeopleErrors.planWithoutApiAccess();
    request.account = found.account;
    const role: Role = found.apiKey.scope === 'read-only' ? 'viewer' : 'admin';
    request.auth = { kind: 'api_key', apiKeyId: found.apiKey.id, scope: found.apiKey.scope, role };
  }

  private async authenticateSession(request: AuthenticatedRequest, isWrite: boolean, workspaceOptional: boolean): Promise<void> {
    const token = sessionTokenFromRequest(request);
    if (!token) throw AccountErrors.missingApiKey();
    const session = await this.sessions.findLive(token);
    if (!session) throw PeopleErrors.sessionExpired();
    // Synchronizer token (OWASP): the editor reads it from GET /v1/auth/session and echoes it on every write.
    if (isWrite && !constantTimeEqual(request.header(CSRF_HEADER) ?? '', session.csrfToken)) throw PeopleErrors.csrfTokenInvalid();
    const user = await this.people.findUser(session.userId);
    if (!user) throw PeopleErrors.sessionExpired();
    const membership = session.currentAccountId ? await this.people.membership(session.currentAccountId, user.id) : null;
    request.auth = { kind: 'session', sessionId: session.id, userId: user.id, email: user.email, csrfToken: session.csrfToken, role: null };
    if (!membership) {
      if (!workspaceOptional) throw PeopleErrors.noWorkspace();
      return;
    }
    const account = await this.accounts.findAccount(membership.accountId);
    if (!account) throw PeopleErrors.noWorkspace();
    request.account = account;
    request.auth.role = membership.role;
  }
}
