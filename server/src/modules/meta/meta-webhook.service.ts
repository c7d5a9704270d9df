import { Injectable } from '@nestjs/common';
import { MetaErrors } from './meta.errors';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { DomainError } from '../../core/errors/domain-error';
import { Metrics } from '../../core/metrics/metrics';
import type { InboxEventDraft } from '../inbox/inbox-event-draft';
import { InboxService, StoredBatch } from '../inbox/inbox.service';
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
  constructor(
    private readonly inbox: InboxService,
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
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
    // Only JSON bodies are kept raw by the body parser; any other type could not be verified.
    if (delivery.contentType && !/^application\/(.+\+)?json\b/i.test(delivery.contentType)) {
      throw MetaErrors.notJson();
    }
    const rawBody = delivery.rawBody ?? Buffer.alloc(0);
    if (!isValidMetaSignature(rawBody, delivery.signature, this.config.metaAppSecret)) {
      throw delivery.signature ? MetaErrors.invalidSignature() : MetaErrors.missingSignature();
    }
    if (!rawBody.length) throw MetaErrors.emptyBody();
    return this.inbox.store(this.split(delivery.body));
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
