/**
 * At most `capacity` deliveries leased at insert in flight in this process. A slot is taken synchronously before the
 * insert and given back after the attempt is recorded or when the transaction rolls back. One whose transaction never
 * ended (neither event came) lapses after `unconfirmedTtlMs`; once its transaction committed it is held until the
 * attempt ends, which a request timeout bounds.
 */
export class DirectDeliverySlots {
  private readonly lapsesAt = new Map<number, number>();
  private nextId = 0;

  constructor(
    private readonly capacity: number,
    private readonly unconfirmedTtlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Up to `wanted` slots, fewer (or none) when the others are taken. */
  take(wanted: number): number[] {
    this.dropLapsed();
    const granted: number[] = [];
    while (granted.length < wanted && this.lapsesAt.size < this.capacity) {
      const id = this.nextId++;
      this.lapsesAt.set(id, this.now() + this.unconfirmedTtlMs);
      granted.push(id);
    }
    return granted;
  }

  /** Its transaction committed: held until released (counted again if it had lapsed meanwhile). */
  confirm(id: number): void {
    this.lapsesAt.set(id, Number.POSITIVE_INFINITY);
  }

  release(id: number): void {
    this.lapsesAt.delete(id);
  }

  get inUse(): number {
    this.dropLapsed();
    return this.lapsesAt.size;
  }

  private dropLapsed(): void {
    const now = this.now();
    for (const [id, lapsesAt] of this.lapsesAt) if (lapsesAt <= now) this.lapsesAt.delete(id);
  }
}
