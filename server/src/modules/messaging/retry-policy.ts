import { GraphApiError } from './graph-api.error';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** For queued effects: Meta's rate limits and outages usually clear within seconds to minutes. */
export const QUEUED_SEND_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };
/** Synchronous API sends: InstantDM does not retry them; the caller sees Meta's error. */
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number, random = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  // Full jitter above half the delay, so many accounts throttled together do not retry in lockstep.
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

export async function withGraphRetry<T>(
  policy: RetryPolicy,
  call: () => Promise<T>,
  sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GraphApiError) || !error.retryable || attempt >= policy.attempts) throw error;
      await sleep(backoffDelayMs(policy, attempt));
    }
  }
}
