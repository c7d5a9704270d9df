import { Injectable, Logger } from '@nestjs/common';
import { MetaErrors } from './meta.errors';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { DomainError } from '../../core/errors/domain-error';
import { Metrics } from '../../core/metrics/metrics';
import type { InboxEventDraft } from '../inbox/inbox-event-draft';
import { InboxGroupCommit } from '../inbox/inbox-group-commit';
import type { StoredBatch } from '../inbox/inbox.service';
import { ConnectedIgAccounts } from './connected-ig-accounts';
import { IngestAdmission } from './ingest-admission';
import { isValidMetaSignature } from './meta-signature';
import { InvalidWebhookPayload, splitWebhookBatch } from './split-webhook-batch';

export interface VerificationQuery {
  mode?: string;
  verifyToken?: string;
  challenge?: string;
}

export interface SignedDelivery {
  rawBody: Buffer | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** Meta's side of the inbox: the subscription handshake and signed event deliveries. */
@Injectable()
export class MetaWebhookService {
  private readonly logger = new Logger(MetaWebhookService.name);
  /** Events dropped at the door since start-up because their Instagram account is not connected (for metrics). */
  unknownAccountEvents = 0;

  constructor(
    private readonly inbox: InboxGroupCommit,
    private readonly connectedAccounts: ConnectedIgAccounts,
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly admission: IngestAdmission,
  ) {}

  /** The challenge to echo when Meta's handshake carries our verify token. */
  verifySubscription(query: VerificationQuery): string {
    const token = this.config.metaVerifyToken;
    if (query.mode !== 'subscribe' || !token || query.verifyToken !== token || !query.challenge) {
      throw MetaErrors.verificationFailed();
    }
    return query.challenge;
  }

  /** Verifies the signature over the exact bytes received, then stores every event of the batch. Nothing is processed here. */
  async accept(delivery: SignedDelivery): Promise<StoredBatch> {
    try {
      const stored = await this.verifyAndStore(delivery);
      this.metrics.metaWebhooks.inc({ outcome: 'acked' });
      return stored;
    } catch (error) {
      this.metrics.metaWebhooks.inc({ outcome: 'refused', reason: error instanceof DomainError ? error.code : 'internal_error' });
      throw error;
    }
  }

  private async verifyAndStore(delivery: SignedDelivery): Promise<StoredBatch> {
    this.admission.admit();
    // Only JSON bodies are kept raw by the body parser; any other type could not be verified.
    if (delivery.contentType && !/^application\/(.+\+)?json\b/i.test(delivery.contentType)) {
      throw MetaErrors.notJson();
    }
    const rawBody = delivery.rawBody ?? Buffer.alloc(0);
    if (!isValidMetaSignature(rawBody, delivery.signature, this.config.metaAppSecret)) {
      throw delivery.signature ? MetaErrors.invalidSignature() : MetaErrors.missingSignature();
    }
    if (!rawBody.length) throw MetaErrors.emptyBody();
    const drafts = this.split(delivery.body);
    const max = this.config.limits.metaMaxEventsPerRequest;
    if (drafts.length > max) throw MetaErrors.tooManyEvents(drafts.length, max);
    return this.inbox.store(await this.skipUnconnected(drafts));
  }

  /**
   * Events for Instagram accounts nobody connected are stored for the record as skipped, with no job: a flood of
   * them (anyone holding the app secret can send one) never queues ahead of real accounts' events.
   */
  private async skipUnconnected(drafts: InboxEventDraft[]): Promise<InboxEventDraft[]> {
    const connected = await this.connectedAccounts.of([...new Set(drafts.map((draft) => draft.igAccountId))]);
    let dropped = 0;
    const checked = drafts.map((draft) => {
      if (connected.has(draft.igAccountId) || draft.skipReason) return draft;
      dropped++;
      return { ...draft, skipReason: 'unknown_instagram_account' };
    });
    if (dropped) {
      this.unknownAccountEvents += dropped;
      this.logger.warn({
        msg: 'events for unconnected Instagram accounts skipped at the door',
        events: dropped,
        total: this.unknownAccountEvents,
      });
    }
    return checked;
  }

  private split(body: unknown): InboxEventDraft[] {
    try {
      return splitWebhookBatch(body, new Date());
    } catch (error) {
      if (error instanceof InvalidWebhookPayload) throw MetaErrors.invalidPayload(error.message);
      throw error;
    }
  }
}
