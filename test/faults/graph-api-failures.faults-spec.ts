import { useFaultRig } from '../src/faults/fault-suite';
import { expectRecovered } from './expect-recovered';

describe('fault: the Graph API fails 30% of calls with errors Meta sends (rate limits, 500s)', () => {
  const runScenario = useFaultRig();

  it('retries until each reply and message succeeds, and never sends one twice', async () => {
    const outcome = await runScenario({
      name: 'Graph API 30% failures',
      async before(rig) {
        // Rules are tried in order: 15% rate limited, then 0.15 / 0.85 of the rest answered 500 = 30% in all.
        await rig.graph.fail({ error: 'rate_limit', ratio: 0.15 });
        await rig.graph.fail({ error: 'server_error', ratio: 0.15 / 0.85 });
      },
      async inject() {
        // The failures stand for the whole run.
      },
    });
    expectRecovered(outcome);
    // No process died: no send may be left in doubt.
    expect(outcome.report.sendsInDoubt).toEqual([]);
    expect(outcome.report.figures.graphCallsFailed).toBeGreaterThan(0);
  });
});
