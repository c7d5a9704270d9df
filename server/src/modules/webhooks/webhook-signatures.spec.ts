import { createHmac } from 'node:crypto';
import { generateWebhookSecret, instantDmTimestamp, signWebhook, standardWebhookSignature } from './webhook-signatures';

describe('webhook signatures', () => {
  const secret = generateWebhookSecret();
  const at = new Date('2026-04-29T15:32:06.789Z');
  const payload = { object: 'instagram', entry: [{ text: 'ünïcødé ✓', time: 1777476726126 }] };
  const signed = signWebhook({
    webhookId: 'evt_1',
    eventType: 'comment',
    payload,
    secret,
    extraHeaders: [
      { name: 'X-Webhook-Id', value: 'spoof' },
      { name: 'X-Routing', value: 'a' },
    ],
    at,
  });

  it('generates whsec_ secrets carrying 32 random bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs the exact body bytes with the whole secret (InstantDM) in hex', () => {
    expect(signed.body).toBe(JSON.stringify(payload));
    expect(signed.headers['X-Webhook-Signature']).toBe(createHmac('sha256', secret).update(Buffer.from(signed.body, 'utf8')).digest('hex'));
  });

  it('signs id.timestamp.body with the decoded secret (Standard Webhooks)', () => {
    expect(signed.headers['webhook-timestamp']).toBe('1777476726');
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`evt_1.1777476726.${signed.body}`).digest('base64');
    expect(signed.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(standardWebhookSignature(secret, 'evt_2', 1777476726, signed.body)).not.toBe(signed.headers['webhook-signature']);
  });

  it('writes X-Timestamp as ISO-8601 UTC with +00:00, and our headers win over extra headers', () => {
    expect(instantDmTimestamp(at)).toBe('2026-04-29T15:32:06+00:00');
    expect(signed.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Event-Type': 'comment',
      'X-Timestamp': '2026-04-29T15:32:06+00:00',
      'X-Webhook-Id': 'evt_1',
      'webhook-id': 'evt_1',
      'X-Routing': 'a',
    });
  });

  it('adds a second webhook-signature made with the previous secret during a rotation', () => {
    const previous = generateWebhookSecret();
    const rotated = signWebhook({
      webhookId: 'evt_1',
      eventType: 'comment',
      payload,
      secret,
      previousSecret: previous,
      extraHeaders: [],
      at,
    });
    expect(rotated.headers['webhook-signature'].split(' ')).toEqual([
      standardWebhookSignature(secret, 'evt_1', 1777476726, rotated.body),
      standardWebhookSignature(previous, 'evt_1', 1777476726, rotated.body),
    ]);
    expect(rotated.headers['X-Webhook-Signature']).toBe(signed.headers['X-Webhook-Signature']);
  });
});
