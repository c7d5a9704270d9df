/**
 * Test-only: DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS holds each outbox batch after its transaction committed and
 * before any effect runs, so the crash e2e test can SIGKILL the server in exactly that gap. Unset in production.
 */
export async function pauseBeforeEffectsForTests(): Promise<void> {
  const pauseMs = Number(process.env.DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS ?? 0);
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
