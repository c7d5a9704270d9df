import type { MessageRecipient, OutgoingMessage } from '@dmflow/shared';
import { cases } from '../../../test/support/table-test';
import { GraphApiError } from './graph-api.error';
import { dmWindow, privateReplyWindow } from './messaging-window';
import { backoffDelayMs, withGraphRetry } from './retry-policy';
import { sendKindOf } from './send-limits';

const HOUR = 3_600_000;
const now = new Date('2026-11-23T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('messaging windows', () => {
  cases(
    [
      ['an unknown person (Meta decides)', null, true],
      ['a contact who never messaged', { lastInboundAt: null }, false],
      ['a message 23 h 59 min ago', { lastInboundAt: ago(24 * HOUR - 60_000) }, true],
      ['a message 24 h 1 min ago', { lastInboundAt: ago(24 * HOUR + 60_000) }, false],
    ] as Array<[string, { lastInboundAt: Date | null } | null, boolean]>,
    (name, _contact, open) => `DM to ${name}: ${open ? 'open' : 'closed'}`,
    (_name, contact, open) => expect(dmWindow(contact, now).open).toBe(open),
  );

  it('private replies: within 7 days of the comment, or unknown comment time', () => {
    expect(privateReplyWindow(ago(7 * 24 * HOUR - 1000), now).open).toBe(true);
    expect(privateReplyWindow(undefined, now).open).toBe(true);
    expect(privateReplyWindow(ago(7 * 24 * HOUR + 1000), now)).toEqual({ open: false, reason: expect.stringContaining('7 days') });
  });

  it('a closed private-reply window says when it closed (7 days after the comment)', () => {
    expect(privateReplyWindow(new Date('2026-11-10T08:30:00Z'), now)).toEqual({
      open: false,
      reason: 'Instagram allows a private reply only within 7 days of the comment; that window closed at 2026-11-17T08:30:00.000Z.',
    });
  });
});

describe('send kinds (which Meta limit applies)', () => {
  cases(
    [
      [{ comment_id: '1' }, { text: 'x' }, 'private_reply'],
      [{ id: '1' }, { text: 'x' }, 'text'],
      [{ id: '1' }, { attachment: { type: 'image' } }, 'text'],
      [{ id: '1' }, { attachment: { type: 'video' } }, 'media'],
      [{ id: '1' }, { attachment: { type: 'audio' } }, 'media'],
    ] as Array<[MessageRecipient, OutgoingMessage, string]>,
    (recipient, message, kind) => `${JSON.stringify(recipient)} ${JSON.stringify(message)} → ${kind}`,
    (recipient, message, kind) => expect(sendKindOf(recipient, message)).toBe(kind),
  );
});

describe('withGraphRetry', () => {
  const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
  const rateLimited = () => new GraphApiError(400, 613, null, 'rate', null, null);

  it('retries retryable Graph errors with growing delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withGraphRetry(
      policy,
      () => (++calls < 3 ? Promise.reject(rateLimited()) : Promise.resolve('sent')),
      (ms) => Promise.resolve(void delays.push(ms)),
    );
    expect(result).toBe('sent');
    expect(calls).toBe(3);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the last attempt and never retries a definitive refusal', async () => {
    let calls = 0;
    await expect(
      withGraphRetry(
        policy,
        () => Promise.reject((calls++, rateLimited())),
        () => Promise.resolve(),
      ),
    ).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(calls).toBe(3);
    calls = 0;
    const windowClosed = new GraphApiError(400, 10, 2018278, 'window', null, null);
    await expect(
      withGraphRetry(
        policy,
        () => Promise.reject((calls++, windowClosed)),
        () => Promise.resolve(),
      ),
    ).rejects.toBe(windowClosed);
    expect(calls).toBe(1);
  });

  it('caps the backoff', () => {
    expect(backoffDelayMs(policy, 10, () => 0.999)).toBeLessThanOrEqual(1000);
  });
});
