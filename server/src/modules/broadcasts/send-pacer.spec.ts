import { SendPacer } from './send-pacer';

describe('SendPacer', () => {
  it('never lets more than perSecond calls start in any one-second span, and banks no burst after a pause', async () => {
    let clock = 0;
    const starts: number[] = [];
    const pacer = new SendPacer(
      10,
      () => clock,
      (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    );
    for (let i = 0; i < 25; i++) {
      await pacer.slot();
      starts.push(clock);
      if (i === 12) clock += 5_000;
    }
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 1000).length).toBeLessThanOrEqual(10);
    expect(starts[1] - starts[0]).toBe(100);
    expect(starts[14] - starts[13]).toBe(100);
  });
});
