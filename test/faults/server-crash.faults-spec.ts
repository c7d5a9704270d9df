import { useFaultRig } from '../src/faults/fault-suite';
import { expectRecovered } from './expect-recovered';

describe('fault: the server is SIGKILLed twice while traffic flows', () => {
  const runScenario = useFaultRig();

  it('processes every acked event once, sends every message once and delivers every webhook', async () => {
    const outcome = await runScenario({
      name: 'server SIGKILL x2',
      async inject(rig, at, record) {
        let downMs = 0;
        for (const share of [0.2, 0.6]) {
          await at(share);
          const killedAt = Date.now();
          await rig.server.kill();
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          await rig.server.restart();
          record.healedAt = Date.now();
          downMs += record.healedAt - killedAt;
        }
        record.notes = () => ({ kills: 2, serverDownSeconds: downMs / 1000 });
      },
    });
    expectRecovered(outcome);
  });
});
