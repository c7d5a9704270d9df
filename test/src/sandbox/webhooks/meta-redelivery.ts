import { MetaWebhookSender, WebhookDelivery } from './meta-webhook-sender';

export interface RedeliveryStats {
  /** Deliveries that were acknowledged (200) in the end. */
  acknowledged: number;
  /** Attempts answered with something else than 200 (a 5xx while Postgres was down, ...). */
  refused: number;
  /** Attempts that got no answer (connection refused while the server was down, reset, timeout). */
  unreachable: number;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 2_000;

/**
 * Plays Meta's retry policy: a webhook not acknowledged with 200 is sent again, byte for byte, until it is.
 * (Meta backs off for hours; the tests compress that to seconds.)
 */
export class MetaRedelivery {
  readonly stats: RedeliveryStats = { acknowledged: 0, refused: 0, unreachable: 0 };

  constructor(
    private readonly sender: () => MetaWebhookSender,
    private readonly deadlineMs = 180_000,
  ) {}

  async deliver(payload: string): Promise<WebhookDelivery> {
    const deadline = Date.now() + this.deadlineMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const delivery = await this.sender().post(payload);
        if (delivery.status === 200) {
          this.stats.acknowledged++;
          return delivery;
        }
        this.stats.refused++;
      } catch {
        this.stats.unreachable++;
      }
      if (Date.now() > deadline) throw new Error(`webhook not acknowledged after ${attempt} attempts: ${payload.slice(0, 200)}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1))));
    }
  }
}
