import { randomUUID } from 'node:crypto';
import { RedisCounters } from '../../core/redis/redis.module';
import { InboundFairness, inboundPriority } from './inbound-fairness';

describe('inboundPriority', () => {
  it('keeps accounts sending alike in one first-come-first-served line, however busy', () => {
    expect(inboundPriority(40, 120, 3)).toBe(1);
    expect(inboundPriority(400, 1200, 3)).toBe(1);
    expect(inboundPriority(5000, 15000, 3)).toBe(1);
  });

  it('lets a single account send as much as it likes: there is nobody to be fair to', () => {
    expect(inboundPriority(10_000, 10_000, 1)).toBe(1);
  });

  it('moves an account flooding beyond twice the mean behind the others, one step per doubling', () => {
    // One account sends 10,000 while nine send 10: the mean is 1,009, the allowance 2,018.
    expect(inboundPriority(10, 10_090, 10)).toBe(1);
    expect(inboundPriority(10_000, 10_090, 10)).toBe(1 + Math.ceil(Math.log2(10_000 / 2018)));
    expect(inboundPriority(4000, 4090, 10)).toBe(1 + Math.ceil(Math.log2(4000 / 818)));
  });

  it('never moves an account under the quiet allowance of 50 events per window', () => {
    expect(inboundPriority(50, 52, 3)).toBe(1);
    expect(inboundPriority(51, 53, 3)).toBe(2);
  });
});

describe('InboundFairness against Redis', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // One moment for every call, so that no test straddles two windows.
  const now = Date.now();
  let queuePrefix: string;
  let counters: RedisCounters;
  let otherProcess: RedisCounters;
  let fairness: InboundFairness;

  beforeEach(() => {
    queuePrefix = `fairness-${randomUUID()}`;
    counters = new RedisCounters({ redisUrl, queuePrefix });
    otherProcess = new RedisCounters({ redisUrl, queuePrefix });
    fairness = new InboundFairness(counters);
  });

  afterEach(async () => {
    const keys = await counters.client.keys(`${counters.prefix}:*`);
    if (keys.length > 0) await counters.client.del(...keys);
    await Promise.all([counters.onModuleDestroy(), otherProcess.onModuleDestroy()]);
  });

  it('counts every batch into the window shared by all processes and judges each account against the mean', async () => {
    const other = new InboundFairness(otherProcess);
    const quiet = Array.from({ length: 9 }, (_, index) => `quiet-${index}`);
    for (const account of quiet) await other.priorities(new Map([[account, 10]]), now);

    const flooding = await fairness.priorities(new Map([['flooder', 1000]]), now);
    // 1,090 events over 10 accounts: a mean of 109, an allowance of 218.
    expect(flooding.get('flooder')).toBe(1 + Math.ceil(Math.log2(1000 / 218)));

    const mixed = await fairness.priorities(
      new Map([
        ['quiet-0', 5],
        ['flooder', 1],
      ]),
      now,
    );
    expect(mixed.get('quiet-0')).toBe(1);
    expect(mixed.get('flooder')).toBe(1 + Math.ceil(Math.log2(1001 / ((2 * 1096) / 10))));
  });

  it('gives accounts sending alike the first place, even far past the quiet allowance', async () => {
    let last = new Map<string, number>();
    for (let round = 0; round < 10; round++) {
      last = await fairness.priorities(
        new Map([
          ['a', 30],
          ['b', 30],
          ['c', 30],
        ]),
        now,
      );
    }
    expect([...last.values()]).toEqual([1, 1, 1]);
  });

  it('starts every window afresh', async () => {
    await fairness.priorities(
      new Map([
        ['flooder', 1000],
        ['quiet', 1],
      ]),
      now,
    );
    const next = await fairness.priorities(
      new Map([
        ['flooder', 1],
        ['quiet', 1],
      ]),
      now + 10_000,
    );
    expect([...next.values()]).toEqual([1, 1]);
  });
});
