import type { RedisCounters } from './redis.module';

// Atomic in Redis, so parallel requests across processes never admit more than the limit.
const ADMIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if count > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return {0, count - 1}
end
return {1, count}`;

export interface WindowDecision {
  admitted: boolean;
  limit: number;
  used: number;
  remaining: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

/** Counts one use in the fixed window that contains `now` (windows aligned to multiples of windowMs). */
export async function admitInFixedWindow(counters: RedisCounters, name: string, limit: number, windowMs: number, now = Date.now()): Promise<WindowDecision> {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const resetAt = windowStart + windowMs;
  const [admitted, used] = (await counters.client.eval(ADMIT_SCRIPT, 1, counters.key(name, String(windowStart)), String(limit), String(windowMs + 60_000))) as [number, number];
  return { admitted: admitted === 1, limit, used, remaining: Math.max(0, limit - used), resetAt };
}
