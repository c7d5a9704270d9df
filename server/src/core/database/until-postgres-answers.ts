/** How long a write (or read) that must not be lost is retried into Postgres, e.g. across a Postgres restart. */
const DEADLINE_MS = 60_000;
const PAUSE_MS = 500;

/**
 * Retries `work` until Postgres answers it, for up to a minute. For what follows a call already made to Meta (its
 * outcome, or whether the claim before it committed): giving up at the first failure would leave a send "in doubt"
 * although this process knows what happened. `work` must be safe to repeat.
 */
export async function untilPostgresAnswers<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }
}
