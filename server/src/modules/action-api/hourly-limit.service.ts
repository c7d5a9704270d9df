import { Injectable } from '@nestjs/common';
import { actionApiHourlyWindow } from '../accounts/action-api-window';
import type { AuthenticatedAccount } from '../accounts/auth/authenticated-account';
import { admitInFixedWindow } from '../../core/redis/fixed-window';
import { RedisCounters } from '../../core/redis/redis.module';
import { ActionApiErrors } from './action-api.errors';

/** Counts /api-webhook requests per account and clock hour, in Redis, so the limit holds across processes. */
@Injectable()
export class HourlyLimitService {
  constructor(private readonly counters: RedisCounters) {}

  /** Admits one request or throws the 429; returns the rate-limit headers to send (none without a limit). */
  async admit(account: AuthenticatedAccount): Promise<Record<string, string>> {
    const window = actionApiHourlyWindow(account);
    if (window === null) return {};
    const decision = await admitInFixedWindow(this.counters, window);
    const headers = {
      'X-RateLimit-Limit': String(window.limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(Math.ceil(decision.resetAt / 1000)),
    };
    if (decision.admitted) return headers;
    const retryAfterSeconds = Math.max(1, Math.ceil((decision.resetAt - Date.now()) / 1000));
    throw ActionApiErrors.hourlyRateLimit({ ...headers, 'Retry-After': String(retryAfterSeconds) });
  }
}
