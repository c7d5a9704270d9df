/**
 * Test-only: DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS holds each outbox batch after its transaction committed and
 * before any effect runs, so the crash e2e test can SIGKILL the server in exactly that gap. Unset in production.
 */
export function pauseBeforeEffectsForTests(): Promise<void> {
  return pauseFor('DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS');
}

/**
 * Test-only: DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS holds each inbox event after routing committed its run step and
 * before the router's own bookkeeping, the window where a crash once made a replay apply the event twice.
 */
export function pauseAfterRoutingForTests(): Promise<void> {
  return pauseFor('DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS');
}

async function pauseFor(variable: string): Promise<void> {
  const pauseMs = Number(process.env[variable] ?? 0);
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
