import { nextRetry } from './retry-schedule';

const config = { retryBaseDelayMs: 30_000, maxRetryDelayMs: 4 * 3600_000, retryWindowMs: 3 * 24 * 3600_000 };
const start = new Date('2026-01-01T00:00:00Z');

describe('nextRetry', () => {
  it('doubles the delay per attempt, jittered between half and all of the step', () => {
    expect(nextRetry(config, 1, start, start, () => 1)).toEqual({ retry: true, delayMs: 30_000 });
    expect(nextRetry(config, 1, start, start, () => 0)).toEqual({ retry: true, delayMs: 15_000 });
    expect(nextRetry(config, 3, start, start, () => 1)).toEqual({ retry: true, delayMs: 120_000 });
  });

  it('caps the delay', () => {
    expect(nextRetry(config, 30, start, start, () => 1)).toEqual({ retry: true, delayMs: 4 * 3600_000 });
  });

  it('gives up once the next attempt would fall after three days', () => {
    const almostThreeDays = new Date(start.getTime() + config.retryWindowMs - 60_000);
    expect(nextRetry(config, 40, start, almostThreeDays, () => 1)).toEqual({ retry: false });
    expect(nextRetry(config, 2, start, new Date(start.getTime() + 60_000), () => 1).retry).toBe(true);
  });
});
