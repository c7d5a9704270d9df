import { afterAll, beforeAll } from '@jest/globals';
import { type FaultOutcome, type FaultRig, type FaultScenario, runFaultScenario, startFaultRig } from './fault-scenario';

// Apart from fault-scenario.ts because it registers Jest hooks.

/**
 * The beforeAll/afterAll every fault spec shares: a private rig (Postgres, Redis, the sandbox Graph API, a webhook
 * receiver and the built server) for the suite, stopped after it. Returns the scenario runner bound to that rig.
 */
export function useFaultRig(): (scenario: FaultScenario) => Promise<FaultOutcome> {
  let rig: FaultRig | undefined;
  beforeAll(async () => {
    rig = await startFaultRig();
  });
  afterAll(async () => {
    await rig?.stop();
  });
  return (scenario) => {
    if (!rig) throw new Error('the fault rig did not start');
    return runFaultScenario(rig, scenario);
  };
}
