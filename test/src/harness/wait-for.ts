import { loadScaledDeadline } from './load-scaled';

/**
 * Polls `probe` until `done` holds for its value; fails with the last value once `timeoutMs` — stretched by the
 * machine's load, so a busy CI box gets longer — has passed.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = loadScaledDeadline(timeoutMs);
  let value = await probe();
  while (!done(value)) {
    if (deadline.expired())
      throw new Error(`timed out after ${deadline.elapsedMs()} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}
