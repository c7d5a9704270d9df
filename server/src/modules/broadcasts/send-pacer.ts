/**
 * Spaces calls evenly at `perSecond`: the n-th call may start no earlier than n / perSecond seconds after the first,
 * so no one-second span ever holds more than `perSecond` starts (a fixed-window counter would allow twice that
 * across a window edge). Time and sleep are injectable for tests.
 */
export class SendPacer {
  private readonly intervalMs: number;
  private next: number | null = null;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the next call may start. A pause longer than one interval does not bank credit for a burst. */
  async slot(): Promise<void> {
    const now = this.now();
    const at = this.next === null ? now : Math.max(this.next, now);
    this.next = at + this.intervalMs;
    if (at > now) await this.sleep(at - now);
  }
}
