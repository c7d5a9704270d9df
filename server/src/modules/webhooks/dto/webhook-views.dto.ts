import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/webhook-delivery.entity';
import type { DeliveryAttemptView, DeliveryDetailView, DeliveryView } from '../webhook-delivery-log.service';
import type { ExtraHeader, WebhookEndpointView, WebhookEndpointWithSecret } from '../webhook-endpoints.service';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-event-types';

// The OpenAPI shapes of what the webhook services return; `implements` keeps them in step with the services' types.

export class ExtraHeaderView implements ExtraHeader {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'masked: only the last 4 characters are shown' }) value: string;
}

export class WebhookEndpointDoc implements WebhookEndpointView {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: WebhookEventType[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: '"gone" when a 410 answer disabled the endpoint' }) disabled_reason:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'until then the previous secret still signs webhook-signature' })
  previous_secret_expires_at: string | null;
  @ApiProperty({ type: [ExtraHeaderView] }) extra_headers: ExtraHeader[];
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class WebhookEndpointWithSecretDoc extends WebhookEndpointDoc implements WebhookEndpointWithSecret {
  @ApiProperty({ description: 'shown at creation and after a rotation only' }) secret: string;
}

export class DeliveryDoc implements DeliveryView {
  @ApiProperty() id: string;
  @ApiProperty() event_id: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) event_type: string;
  @ApiProperty({ type: String, nullable: true }) ordering_key: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) next_attempt_at: string | null;
  @ApiProperty({ type: String, nullable: true }) last_attempt_at: string | null;
  @ApiProperty({ type: Number, nullable: true }) last_status_code: number | null;
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
  @ApiProperty({ type: String, nullable: true }) completed_at: string | null;
  @ApiProperty() created_at: string;
}

export class DeliveryAttemptDoc implements DeliveryAttemptView {
  @ApiProperty() attempt: number;
  @ApiProperty() succeeded: boolean;
  @ApiProperty({ type: Number, nullable: true }) status_code: number | null;
  @ApiProperty() latency_ms: number;
  @ApiProperty({ type: String, nullable: true, description: 'first 1 KiB of the answer' }) response_snippet: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() attempted_at: string;
}

export class DeliveryDetailDoc extends DeliveryDoc implements DeliveryDetailView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the event body sent' }) payload: unknown;
  @ApiProperty({ type: [DeliveryAttemptDoc] }) attempt_log: DeliveryAttemptView[];
}
