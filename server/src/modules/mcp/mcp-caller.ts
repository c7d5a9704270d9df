import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import type { RequestAuth } from '../accounts/auth/request-auth';

/** Who calls the tools of one /mcp request: the workspace whose API key authenticated it, and that key. */
export interface McpCaller {
  account: AuthenticatedAccount;
  auth: RequestAuth;
  requestId: string;
}
