import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import { appConfig } from '../../core/config/config';
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
  private readonly config = appConfig();

  constructor(private readonly inbox: InboxService) {}

  /** The challenge to echo when Meta's handshake carries our verify token. */
  verifySubscription(query: VerificationQuery): string {
    const token = this.config.metaVerifyToken;
    if (query.mode !== 'subscribe' || !token || query.verifyToken !== token || !query.challenge) {
      throw new AppException(HttpStatus.FORBIDDEN, 'verification_failed', 'The webhook verification token does not match META_VERIFY_TOKEN.');
    }
    return query.challenge;
  }

  /** Verifies the signature over the exact bytes received, then stores every event of the batch. Nothing is processed here. */
  async accept(delivery: SignedDelivery): Promise<StoredBatch> {
    // Only JSON bodies are kept raw by the body parser; any other type could not be verified.
    if (delivery.contentType && !/^application\/(.+\+)?json\b/i.test(delivery.contentType)) {
      throw new AppException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Meta webhooks are sent as Content-Type: application/json.');
    }
    const rawBody = delivery.rawBody ?? Buffer.alloc(0);
    if (!isValidMetaSignature(rawBody, delivery.signature, this.config.metaAppSecret)) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        delivery.signature ? 'invalid_signature' : 'missing_signature',
        delivery.signature ? 'X-Hub-Signature-256 does not match the body signed with META_APP_SECRET.' : 'X-Hub-Signature-256 is missing.',
      );
    }
    if (!rawBody.length) throw new AppException(HttpStatus.BAD_REQUEST, 'empty_body', 'The webhook body is empty.');
    return this.inbox.store(this.split(delivery.body));
  }

  private split(body: unknown): InboxEventDraft[] {
    try {
      return splitWebhookBatch(body, new Date());
    } catch (error) {
      if (error instanceof InvalidWebhookPayload) throw new AppException(HttpStatus.BAD_REQUEST, 'invalid_webhook_payload', error.message);
      throw error;
    }
  }
}
