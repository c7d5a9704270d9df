import type { WebhookDeliveryConfig } from '../../core/config/config';

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** Exponential backoff with jitter (50–100 % of the step), until retryWindowMs after the first attempt. */
export function nextRetry(
  config: Pick<WebhookDeliveryConfig, 'retryBaseDelayMs' | 'maxRetryDelayMs' | 'retryWindowMs'>,
  attemptsMade: number,
  firstAttemptAt: Date,
  now: Date,
  random: () => number = Math.random,
): RetryDecision {
  const step = Math.min(config.maxRetryDelayMs, config.retryBaseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  const delayMs = Math.round(step * (0.5 + random() / 2));
  if (now.getTime() + delayMs - firstAttemptAt.getTime() > config.retryWindowMs) return { retry: false };
  return { retry: true, delayMs };
}
