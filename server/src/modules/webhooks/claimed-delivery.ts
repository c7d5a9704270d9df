import type { EndpointRow } from './webhook-endpoints.service';

/** A delivery leased for one attempt by this process (claimed from the queue, or leased at insert): what the attempt needs. */
export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  attempts: number;
  first_attempt_at: Date | string;
  payload: Record<string, unknown>;
  /** The endpoint's row, read by the statement that leased the delivery. */
  endpoint: EndpointRow;
}

/** The endpoint's row as `ClaimedDelivery.endpoint`, from a row aliased `endpoint` with webhook_endpoints' columns. */
export const ENDPOINT_ROW_JSON = `json_build_object('id', endpoint.id, 'url', endpoint.url, 'enabled', endpoint.enabled,
  'secretEncrypted', endpoint.secret_encrypted, 'previousSecretEncrypted', endpoint.previous_secret_encrypted,
  'previousSecretExpiresAt', endpoint.previous_secret_expires_at, 'extraHeadersEncrypted', endpoint.extra_headers_encrypted)`;
