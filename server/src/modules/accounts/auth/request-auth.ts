import type { Request } from 'express';
import type { AuthenticatedAccount } from './authenticated-account';
import type { ApiKeyScope, Role } from './roles';

/** Who made a request and with which credential; set by the guards next to `request.account`. */
export type RequestAuth =
  | { kind: 'session'; sessionId: string; userId: string; email: string; csrfToken: string; role: Role | null }
  | { kind: 'api_key'; apiKeyId: string; scope: ApiKeyScope; role: Role };

export type AuthenticatedRequest = Request & { account: AuthenticatedAccount; auth: RequestAuth };
