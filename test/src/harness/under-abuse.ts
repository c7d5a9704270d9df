import { expect } from '@jest/globals';
import { watchHealth } from './health-watch';

// Not exported from the harness index: it uses Jest's expect, and the benches load the index outside Jest.

/**
 * Runs `abuse` while /health is polled, then holds /health to the budget: no failed probe, and the 90th
 * percentile within 200 ms stretched by the machine's load (see watchHealth). Prints the figures.
 */
export async function underAbuse(serverUrl: string, what: string, abuse: () => Promise<void>): Promise<void> {
  const watch = watchHealth(serverUrl);
  try {
    await abuse();
  } finally {
    const health = await watch.stop();
    console.log(`/health during ${what}: ${JSON.stringify(health)}`);
    expect({ what, ...health, enoughSamples: health.samples >= 5, p90WithinBudget: health.p90 <= health.budgetMs }).toMatchObject({
      failures: 0,
      enoughSamples: true,
      p90WithinBudget: true,
    });
  }
}
