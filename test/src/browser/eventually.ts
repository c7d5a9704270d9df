import { loadScaledDeadline } from '../harness/load-scaled';

/** Retries an assertion until it passes or the time (stretched by the machine's load) is up: the page updates asynchronously. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 8000): Promise<void> {
  const deadline = loadScaledDeadline(timeoutMs);
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (deadline.expired()) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
