import { useFaultRig } from '../src/faults/fault-suite';
import { expectRecovered } from './expect-recovered';

describe('faults together: Graph API 30% failures and a flaky receiver throughout; a SIGKILL, a Redis restart, a Postgres restart and a slow receiver in turn', () => {
  const runScenario = useFaultRig();

  it('still processes every acked event once, sends every message at most once and delivers every webhook', async () => {
    let slow = false;
    const outcome = await runScenario({
      name: 'all faults in sequence',
      async before(rig) {
        await rig.graph.fail({ error: 'rate_limit', ratio: 0.15 });
        await rig.graph.fail({ error: 'server_error', ratio: 0.15 / 0.85 });
        rig.receiver.respondWith(() => {
          const delayMs = slow ? 1_000 + Math.floor(Math.random() * 2_000) : 0;
          return Math.random() < 0.1 ? { status: 500, body: '{"error":"busy"}', delayMs } : { status: 200, body: '{"ok":true}', delayMs };
        });
      },
      async inject(rig, at, record) {
        await at(0.15);
        await rig.server.kill();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await rig.server.restart();
        await at(0.35);
        slow = true;
        await rig.redis.stop();
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await rig.redis.start();
        await at(0.6);
        await rig.postgres.stop('immediate');
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await rig.postgres.start();
        slow = false;
        record.healedAt = Date.now();
      },
    });
    expectRecovered(outcome);
  });
});
