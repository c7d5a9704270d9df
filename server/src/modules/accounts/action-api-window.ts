import type { FixedWindow } from '../../core/redis/fixed-window';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { hourlyLimitFor, planFor } from './plans';

const HOUR_MS = 3_600_000;

/**
 * The clock-hour window an account's /api-webhook requests are counted in, or null when its plan has no hourly
 * limit. The action API counts into it and /v1/usage reads it, so both always name the same Redis counter.
 */
export function actionApiHourlyWindow(account: Pick<AuthenticatedAccount, 'id' | 'plan' | 'hourlyLimitOverride'>): FixedWindow | null {
  const limit = hourlyLimitFor(planFor(account.plan), account.hourlyLimitOverride);
  return limit === null ? null : { name: `api-hourly:${account.id}`, limit, windowMs: HOUR_MS };
}
