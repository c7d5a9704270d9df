/**
 * The account whose API key authenticated a request (`@CurrentAccount()`), as other modules see it: the accounts
 * module keeps its entity to itself.
 */
export interface AuthenticatedAccount {
  id: string;
  name: string;
  plan: string;
  credits: number;
  /** An operator's override of the plan's hourly /api-webhook limit; null = the plan's. */
  hourlyLimitOverride: number | null;
  createdAt: Date;
  updatedAt: Date;
}
