import { availableParallelism, loadavg } from 'node:os';

/**
 * How many times slower than an idle machine this one probably runs right now: the 1-minute load average per core,
 * never below 1 and capped so a runaway reading can't stretch a wait without bound. Read afresh at every call, so a
 * wait that started on a quiet machine still stretches when the machine gets busy under it.
 */
export function loadFactor(): number {
  const perCore = loadavg()[0] / availableParallelism();
  return Math.min(6, Math.max(1, perCore));
}

/** `ms` stretched by the machine's current load: for deadlines and for quiet periods. */
export function scaled(ms: number): number {
  return Math.round(ms * loadFactor());
}

/**
 * Waits `ms` (stretched by load) before a test asserts that nothing more happens — no duplicate send, no late
 * delivery. Only for such negative checks: to wait for something to happen, poll it with `waitFor`.
 */
export function quietPeriod(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, scaled(ms)));
}

/** A deadline that keeps stretching with load: `expired()` is true once `ms` (scaled as the machine is now) have passed. */
export function loadScaledDeadline(ms: number): { expired: () => boolean; elapsedMs: () => number } {
  const start = Date.now();
  return { expired: () => Date.now() - start > scaled(ms), elapsedMs: () => Date.now() - start };
}
