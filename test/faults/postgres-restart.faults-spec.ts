import { useFaultRig } from '../src/faults/fault-suite';
import { expectRecovered } from './expect-recovered';

describe('fault: Postgres restarts, then crashes, while traffic flows', () => {
  const runScenario = useFaultRig();

  it('answers non-2xx while Postgres is down (Meta retries), then resumes without losing or repeating anything', async () => {
    const outcome = await runScenario({
      name: 'Postgres restart + crash',
      async inject(rig, at, record) {
        let downMs = 0;
        // `fast` = an orderly restart (connections closed); `immediate` = a crash, recovered from the WAL at start.
        for (const [share, mode] of [
          [0.2, 'fast'],
          [0.6, 'immediate'],
        ] as const) {
          await at(share);
          const stoppedAt = Date.now();
          await rig.postgres.stop(mode);
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          await rig.postgres.start();
          record.healedAt = Date.now();
          downMs += record.healedAt - stoppedAt;
        }
        record.notes = () => ({ postgresOutages: 2, postgresDownSeconds: downMs / 1000 });
      },
    });
    expectRecovered(outcome);
    // A claim and a send's outcome are written once Postgres is back: nothing is left "in doubt" by an outage alone.
    expect(outcome.report.sendsInDoubt).toEqual([]);
  });
});
