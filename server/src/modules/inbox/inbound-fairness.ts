import { Injectable } from '@nestjs/common';
import { RedisCounters } from '../../core/redis/redis.module';

const WINDOW_MS = 10_000;
/** Events an Instagram account may send per window and keep the first place in line. */
const QUIET_EVENTS = 50;

/**
 * Per-account fairness of the inbound queue: each Instagram account's events are counted per 10-second window in
 * Redis (so every API process counts into the same window), and its jobs get a Bull priority that falls as its
 * recent volume grows: 1 up to 50 events, then one step per doubling. A flooding account's backlog then waits
 * behind a quiet account's next event instead of in front of it. Order within a contact is the lanes' business
 * (InboxService.claimInLane), not the queue's, so priorities never reorder one person's events.
 */
@Injectable()
export class InboundFairness {
  constructor(private readonly counters: RedisCounters) {}

  /** The priority for each account's jobs of this batch, counting them into its window. */
  async priorities(eventsByAccount: Map<string, number>): Promise<Map<string, number>> {
    const window = String(Math.floor(Date.now() / WINDOW_MS));
    const accounts = [...eventsByAccount.keys()];
    const pipeline = this.counters.client.multi();
    for (const account of accounts) {
      const key = this.counters.key('inbound-volume', account, window);
      pipeline.incrby(key, eventsByAccount.get(account) ?? 0).pexpire(key, 2 * WINDOW_MS);
    }
    const results = (await pipeline.exec()) ?? [];
    return new Map(
      accounts.map((account, index) => {
        const volume = Number(results[index * 2]?.[1] ?? 0);
        return [account, volume <= QUIET_EVENTS ? 1 : 1 + Math.ceil(Math.log2(volume / QUIET_EVENTS))];
      }),
    );
  }
}
