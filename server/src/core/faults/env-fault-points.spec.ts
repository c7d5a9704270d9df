import { faultPointsFromEnv } from './env-fault-points';
import { NO_FAULT_POINTS } from './fault-points';

async function elapsedMs(run: () => Promise<void>): Promise<number> {
  const startedAt = Date.now();
  await run();
  return Date.now() - startedAt;
}

describe('fault points from the environment (a test seam)', () => {
  it('are the no-op when no DMFLOW_TEST_PAUSE_* variable is set', () => {
    expect(faultPointsFromEnv({ PORT: '3000' })).toBe(NO_FAULT_POINTS);
    expect(faultPointsFromEnv({ DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS: '0' })).toBe(NO_FAULT_POINTS);
  });

  it('hold only the point whose variable is set, for its milliseconds', async () => {
    const faults = faultPointsFromEnv({ DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS: '150' });
    expect(await elapsedMs(() => faults.reached('after-routing'))).toBeGreaterThanOrEqual(140);
    expect(await elapsedMs(() => faults.reached('before-effects'))).toBeLessThan(100);
  });
});
