import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** InstantDM's `X-Webhook-Signature`: HMAC-SHA256 of the exact body bytes, keyed with the whole secret string, hex. */
export function instantDmSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

/**
 * Standard Webhooks' `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `<id>.<unix seconds>.<body>`, keyed with the
 * base64-decoded part of the secret after `whsec_`, so the standardwebhooks libraries verify it unchanged.
 */
export function standardWebhookSignature(secret: string, webhookId: string, unixSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${unixSeconds}.${body}`, 'utf8').digest('base64')}`;
}

/** `2026-04-29T15:32:06+00:00`, the form InstantDM documents for X-Timestamp. */
export function instantDmTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}

export interface SignedWebhookRequest {
  headers: Record<string, string>;
  body: string;
}

export interface WebhookToSign {
  webhookId: string;
  eventType: string;
  payload: unknown;
  secret: string;
  /** Also signs webhook-signature during a rotation's grace period (receivers accept any listed signature). */
  previousSecret?: string | null;
  extraHeaders: ReadonlyArray<{ name: string; value: string }>;
  at: Date;
}

/** The body is serialized once here; both signatures cover exactly these bytes. Our headers win over extra ones. */
export function signWebhook(input: WebhookToSign): SignedWebhookRequest {
  const body = JSON.stringify(input.payload);
  const unixSeconds = Math.floor(input.at.getTime() / 1000);
  const headers: Record<string, string> = {};
  for (const header of input.extraHeaders) headers[header.name] = header.value;
  Object.assign(headers, {
    'Content-Type': 'application/json',
    'User-Agent': 'dmflow-webhooks/1',
    'X-Event-Type': input.eventType,
    'X-Timestamp': instantDmTimestamp(input.at),
    'X-Webhook-Id': input.webhookId,
    'X-Webhook-Signature': instantDmSignature(input.secret, body),
    'webhook-id': input.webhookId,
    'webhook-timestamp': String(unixSeconds),
    'webhook-signature': [input.secret, input.previousSecret]
      .filter((secret): secret is string => !!secret)
      .map((secret) => standardWebhookSignature(secret, input.webhookId, unixSeconds, body))
      .join(' '),
  });
  return { headers, body };
}
