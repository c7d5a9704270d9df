import type { PageView } from '@dmflow/shared';
import type { ApiClient } from './api-client';

/** The events an endpoint can subscribe to (the server's WEBHOOK_EVENT_TYPES), in words. */
export const WEBHOOK_EVENTS = [
  { value: 'comment', label: 'Comment' },
  { value: 'dm_received', label: 'DM received' },
  { value: 'postback', label: 'Button tapped' },
  { value: 'question_answered', label: 'Question answered' },
  { value: 'flow_completed', label: 'Flow completed' },
  { value: 'instagram_account_needs_reconnect', label: 'Instagram account needs reconnecting' },
] as const;

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
}

export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

export type DeliveryStatus = 'pending' | 'queued' | 'sending' | 'succeeded' | 'failed';

export interface DeliveryView {
  id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
}

export class WebhooksApi {
  constructor(private readonly client: ApiClient) {}

  list(): Promise<PageView<WebhookEndpointView>> {
    return this.client.request('GET', '/v1/webhooks?limit=100');
  }

  create(url: string, events: string[]): Promise<WebhookEndpointWithSecret> {
    return this.client.request('POST', '/v1/webhooks', { url, events });
  }

  deliveries(endpointId: string, status?: DeliveryStatus): Promise<PageView<DeliveryView>> {
    return this.client.request('GET', `/v1/webhooks/${endpointId}/deliveries?limit=100${status ? `&status=${status}` : ''}`);
  }

  redeliver(endpointId: string, deliveryId: string): Promise<DeliveryView> {
    return this.client.request('POST', `/v1/webhooks/${endpointId}/deliveries/${deliveryId}/redeliver`, {});
  }
}
