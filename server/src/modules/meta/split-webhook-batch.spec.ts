import { cases } from '../../../test/support/table-test';
import { InvalidWebhookPayload, splitWebhookBatch } from './split-webhook-batch';

const IG = '17841474524784050';
const at = new Date('2026-11-23T10:00:00Z');
const comment = (value: Record<string, unknown>, field = 'comments') => ({ field, value });
const userComment = { id: 'c1', text: 'price?', from: { id: 'u1', username: 'jdoe' }, media: { id: 'm1' } };
const dm = (message: Record<string, unknown>, sender = 'u1') => ({
  sender: { id: sender },
  recipient: { id: IG },
  timestamp: 1763892000123,
  message,
});
const batch = (entries: Record<string, unknown>[]) => ({
  object: 'instagram',
  entry: entries.map((entry) => ({ id: IG, time: 1763892000, ...entry })),
});

describe('splitWebhookBatch', () => {
  it('makes one event per entry × change and entry × messaging item, each in its own envelope', () => {
    const drafts = splitWebhookBatch(
      batch([
        { changes: [comment(userComment), comment({ ...userComment, id: 'c2' }, 'live_comments')] },
        {
          messaging: [
            dm({ mid: 'm.1', text: 'hi' }),
            { sender: { id: 'u2' }, recipient: { id: IG }, postback: { mid: 'p.1', payload: 'GO' } },
          ],
        },
      ]),
      at,
    );
    expect(drafts.map((draft) => [draft.kind, draft.dedupeKey, draft.skipReason])).toEqual([
      ['comment', 'comment:c1', null],
      ['live_comment', 'comment:c2', null],
      ['message', 'message:m.1', null],
      ['postback', 'postback:p.1', null],
    ]);
    expect(drafts[0].event).toEqual({ object: 'instagram', entry: [{ id: IG, time: 1763892000, changes: [comment(userComment)] }] });
    expect(drafts[2].event.entry[0].messaging).toEqual([dm({ mid: 'm.1', text: 'hi' })]);
    expect(drafts.every((draft) => draft.igAccountId === IG)).toBe(true);
  });

  it('reads seconds on changes and milliseconds on messaging as the event time', () => {
    const [change, message] = splitWebhookBatch(
      batch([{ changes: [comment(userComment)], messaging: [dm({ mid: 'm.1', text: 'hi' })] }]),
      at,
    );
    expect(change.occurredAt.toISOString()).toBe('2025-11-23T10:00:00.000Z');
    expect(message.occurredAt.toISOString()).toBe('2025-11-23T10:00:00.123Z');
  });

  cases<[string, Record<string, unknown>, string, string | null]>(
    [
      ['a comment by someone', { changes: [comment(userComment)] }, 'comment:c1', null],
      [
        'our own comment (from.id = our account)',
        { changes: [comment({ ...userComment, from: { id: IG, username: 'shop' } })] },
        'comment:c1',
        'own_comment',
      ],
      [
        'our own reply (self_ig_scoped_id)',
        { changes: [comment({ ...userComment, from: { id: 'x', self_ig_scoped_id: 'y' } })] },
        'comment:c1',
        'own_comment',
      ],
      ['a comment id under comment_id', { changes: [comment({ comment_id: 'c9', from: { id: 'u1' }, text: 'x' })] }, 'comment:c9', null],
      ['a comment without id', { changes: [comment({ from: { id: 'u1' }, text: 'x' })] }, 'hash:', 'malformed_event'],
      ['an unknown field', { changes: [{ field: 'story_insights', value: { reach: 3 } }] }, 'hash:', 'unsupported_field:story_insights'],
      ['an echo of our own send', { messaging: [dm({ mid: 'm.2', text: 'hello', is_echo: true }, IG)] }, 'message:m.2', 'echo'],
      ['a deleted message', { messaging: [dm({ mid: 'm.3', is_deleted: true })] }, 'message:m.3', 'deleted_message'],
      ['an unsupported message', { messaging: [dm({ mid: 'm.4', is_unsupported: true })] }, 'message:m.4', 'unsupported_message'],
      ['a quick reply tap', { messaging: [dm({ mid: 'm.5', text: 'Yes', quick_reply: { payload: 'QR_YES' } })] }, 'message:m.5', null],
      ['a story reply', { messaging: [dm({ mid: 'm.6', text: '🔥', reply_to: { story: { id: 's1', url: 'u' } } })] }, 'message:m.6', null],
      [
        'an attachment only',
        { messaging: [dm({ mid: 'm.7', attachments: [{ type: 'image', payload: { url: 'u' } }] })] },
        'message:m.7',
        null,
      ],
      [
        'a postback without mid',
        { messaging: [{ sender: { id: 'u1' }, postback: { title: 'Go', payload: '{"flow_id":"f"}' } }] },
        'hash:',
        null,
      ],
      [
        'a reaction',
        { messaging: [{ sender: { id: 'u1' }, recipient: { id: IG }, reaction: { mid: 'm', action: 'react' } }] },
        'hash:',
        'unsupported_event:reaction',
      ],
      [
        'a read receipt',
        { messaging: [{ sender: { id: 'u1' }, recipient: { id: IG }, read: { mid: 'm' } }] },
        'hash:',
        'unsupported_event:read',
      ],
      [
        'a message without sender',
        { messaging: [{ recipient: { id: IG }, message: { mid: 'm.8', text: 'x' } }] },
        'message:m.8',
        'malformed_event',
      ],
    ],
    (name, _entry, _key, reason) => `${name} → ${reason ?? 'processed'}`,
    (_name, entry, keyPrefix, reason) => {
      const [draft] = splitWebhookBatch(batch([entry]), at);
      expect(draft.dedupeKey.startsWith(keyPrefix)).toBe(true);
      expect(draft.skipReason).toBe(reason);
    },
  );

  it('gives an event without ids the same hash key on every delivery, and different events different keys', () => {
    const reaction = (mid: string) => batch([{ messaging: [{ sender: { id: 'u1' }, reaction: { mid, action: 'react' } }] }]);
    const [first] = splitWebhookBatch(reaction('a'), at);
    const [again] = splitWebhookBatch(JSON.parse(JSON.stringify(reaction('a'))), at);
    const [other] = splitWebhookBatch(reaction('b'), at);
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect(other.dedupeKey).not.toBe(first.dedupeKey);
  });

  it('stores an unknown object type as one skipped event', () => {
    const drafts = splitWebhookBatch({ object: 'page', entry: [{ id: '1', changes: [{ field: 'feed', value: {} }] }] }, at);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ kind: 'other', skipReason: 'unknown_object:page', igAccountId: '' });
  });

  it('returns nothing for an empty batch', () => {
    expect(splitWebhookBatch({ object: 'instagram', entry: [] }, at)).toEqual([]);
  });

  cases<[unknown]>(
    [[[]], [null], ['text'], [{ entry: [] }], [{ object: 'instagram' }], [{ object: 'instagram', entry: {} }]],
    (body) => `refuses ${JSON.stringify(body)}`,
    (body) => {
      expect(() => splitWebhookBatch(body, at)).toThrow(InvalidWebhookPayload);
    },
  );
});
