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

/** One named limit: at most `limit` uses per window of `windowMs`, windows aligned to multiples of windowMs. */
export interface FixedWindow {
  name: string;
  limit: number;
  windowMs: number;
}

export interface WindowUsage {
  limit: number;
  used: number;
  remaining: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

export interface WindowDecision extends WindowUsage {
  admitted: boolean;
}

function currentWindow(counters: RedisCounters, window: FixedWindow, now: number): { key: string; resetAt: number } {
  const windowStart = Math.floor(now / window.windowMs) * window.windowMs;
  return { key: counters.key(window.name, String(windowStart)), resetAt: windowStart + window.windowMs };
}

/** Counts one use in the window that contains `now`, unless the limit is reached. */
export async function admitInFixedWindow(counters: RedisCounters, window: FixedWindow, now = Date.now()): Promise<WindowDecision> {
  const { key, resetAt } = currentWindow(counters, window, now);
  const [admitted, used] = (await counters.client.eval(ADMIT_SCRIPT, 1, key, String(window.limit), String(window.windowMs + 60_000))) as [
    number,
    number,
  ];
  return { admitted: admitted === 1, limit: window.limit, used, remaining: Math.max(0, window.limit - used), resetAt };
}

/** Reads the current windows' counts without using any (one round trip for all of them). */
export async function readFixedWindows(counters: RedisCounters, windows: FixedWindow[], now = Date.now()): Promise<WindowUsage[]> {
  if (windows.length === 0) return [];
  const current = windows.map((window) => currentWindow(counters, window, now));
  const counts = await counters.client.mget(current.map(({ key }) => key));
  return windows.map((window, index) => {
    const used = Math.min(window.limit, Number(counts[index] ?? 0));
    return { limit: window.limit, used, remaining: window.limit - used, resetAt: current[index].resetAt };
  });
}
