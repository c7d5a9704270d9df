import { useFaultRig } from '../src/faults/fault-suite';
import { expectRecovered } from './expect-recovered';

describe('fault: Redis restarts empty while traffic flows and webhooks are backlogged (no persistence, as in production: every Bull queue is lost)', () => {
  const runScenario = useFaultRig();

  it('recovers every queued inbound event, outbox and webhook delivery from Postgres', async () => {
    let slowReceiver = false;
    const outcome = await runScenario({
      name: 'Redis restart, data lost',
      before(rig) {
        // A slow receiver keeps deliveries queued in Redis when it goes away.
        rig.receiver.respondWith(() => ({ status: 200, body: '{"ok":true}', delayMs: slowReceiver ? 1_500 : 0 }));
      },
      async inject(rig, at, record) {
        await at(0.2);
        slowReceiver = true;
        await at(0.3);
        const stoppedAt = Date.now();
        await rig.redis.stop();
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await rig.redis.start();
        slowReceiver = false;
        const healedAt = Date.now();
        record.healedAt = healedAt;
        record.notes = () => ({ redisDownSeconds: (healedAt - stoppedAt) / 1000 });
      },
    });
    expectRecovered(outcome);
    // No process died: no send may be left in doubt.
    expect(outcome.report.sendsInDoubt).toEqual([]);
  });
});
