import { Injectable } from '@nestjs/common';
import { RedisCounters } from '../../core/redis/redis.module';

const WINDOW_MS = 10_000;
/** Events an Instagram account may send per window and keep the first place in line, whatever the others send. */
const QUIET_EVENTS = 50;
/** How many times the window's mean volume per account an account may send before its jobs lose their place. */
const FAIR_SHARE = 2;

/**
 * The Bull priority of an account's jobs: 1 (the first place in line) up to its allowance, then one step per doubling
 * beyond it. The allowance is the larger of QUIET_EVENTS and FAIR_SHARE × the mean volume of the window's accounts,
 * so accounts sending alike keep one first-come-first-served line — a priority that changes with the window would
 * let each new window's first jobs overtake every job queued in the last one, and the overtaken wait seconds — while
 * an account flooding far beyond the others waits behind their next events.
 */
export function inboundPriority(volume: number, windowTotal: number, windowAccounts: number): number {
  const meanVolume = windowAccounts > 0 ? windowTotal / windowAccounts : 0;
  const allowance = Math.max(QUIET_EVENTS, FAIR_SHARE * meanVolume);
  return volume <= allowance ? 1 : 1 + Math.ceil(Math.log2(volume / allowance));
}

/**
 * Per-account fairness of the inbound queue: each Instagram account's events, the window's total and the accounts
 * seen are counted per 10-second window in Redis (so every API process counts into the same window), and each
 * account's jobs get the priority `inboundPriority` gives. Order within a contact is the lanes' business
 * (InboxService.claimInLane), not the queue's, so priorities never reorder one person's events.
 */
@Injectable()
export class InboundFairness {
  constructor(private readonly counters: RedisCounters) {}

  /** The priority for each account's jobs of this batch, counting them into the window of `now`. */
  async priorities(eventsByAccount: Map<string, number>, now = Date.now()): Promise<Map<string, number>> {
    const window = String(Math.floor(now / WINDOW_MS));
    const accounts = [...eventsByAccount.keys()];
    const totalKey = this.counters.key('inbound-volume-total', window);
    const accountsKey = this.counters.key('inbound-accounts', window);
    const batchEvents = accounts.reduce((sum, account) => sum + (eventsByAccount.get(account) ?? 0), 0);
    const pipeline = this.counters.client.multi();
    for (const account of accounts) {
      const key = this.counters.key('inbound-volume', account, window);
      pipeline.incrby(key, eventsByAccount.get(account) ?? 0).pexpire(key, 2 * WINDOW_MS);
    }
    pipeline.incrby(totalKey, batchEvents).pexpire(totalKey, 2 * WINDOW_MS);
    if (accounts.length > 0) pipeline.sadd(accountsKey, ...accounts);
    pipeline.pexpire(accountsKey, 2 * WINDOW_MS).scard(accountsKey);
    const results = (await pipeline.exec()) ?? [];
    const counted = (index: number) => Number(results[index]?.[1] ?? 0);
    const windowTotal = counted(accounts.length * 2);
    const windowAccounts = counted(results.length - 1);
    return new Map(accounts.map((account, index) => [account, inboundPriority(counted(index * 2), windowTotal, windowAccounts)]));
  }
}
