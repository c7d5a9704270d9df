import { useFaultRig } from '../src/faults/fault-suite';
import { expectRecovered } from './expect-recovered';

describe('fault: the webhook receiver is slow (1-3 s per answer) for a while, and answers 500 to 10% of requests', () => {
  const runScenario = useFaultRig();

  it('delivers every event at least once, duplicates only under the same id, in order per contact', async () => {
    let slow = false;
    let refused = 0;
    const outcome = await runScenario({
      name: 'slow + flaky webhook receiver',
      before(rig) {
        rig.receiver.respondWith(() => {
          const delayMs = slow ? 1_000 + Math.floor(Math.random() * 2_000) : 0;
          if (Math.random() < 0.1) {
            refused++;
            return { status: 500, body: '{"error":"busy"}', delayMs };
          }
          return { status: 200, body: '{"ok":true}', delayMs };
        });
      },
      async inject(rig, at, record) {
        await at(0.2);
        slow = true;
        await at(0.6);
        slow = false;
        record.healedAt = Date.now();
        record.notes = () => ({ receiver500s: refused });
      },
    });
    expectRecovered(outcome);
    // No process died: no send may be left in doubt.
    expect(outcome.report.sendsInDoubt).toEqual([]);
  });
});
