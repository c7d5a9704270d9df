import { splitWebhookBatch } from './split-webhook-batch';

const IG = '17841474524784050';
const at = new Date('2026-11-23T10:00:00Z');
const split = (entry: Record<string, unknown>) =>
  splitWebhookBatch({ object: 'instagram', entry: [{ id: IG, time: 1763892000, ...entry }] }, at).map(
    ({ kind, dedupeKey, skipReason, inbound }) => ({ kind, dedupeKey, skipReason, inbound: inbound?.kind ?? null }),
  );

describe('splitWebhookBatch: mentions, story mentions and referrals', () => {
  it('takes a mention with its author, and keeps one without (Facebook-Login shape) skipped', () => {
    const value = { comment_id: 'c1', media_id: 'm1', text: '@shop hi', from: { id: 'u1', username: 'ann' } };
    expect(split({ changes: [{ field: 'mentions', value }] })).toEqual([
      { kind: 'mention', dedupeKey: 'mention:c1', skipReason: null, inbound: 'mention' },
    ]);
    expect(split({ changes: [{ field: 'mentions', value: { comment_id: 'c2', media_id: 'm1' } }] })).toEqual([
      { kind: 'mention', dedupeKey: 'mention:c2', skipReason: 'mention_without_author', inbound: null },
    ]);
  });

  it('reads a story_mention DM as a story mention, and an opened ig.me link as a referral', () => {
    const storyMention = { mid: 'mid.1', attachments: [{ type: 'story_mention', payload: { url: 'https://cdn/s' } }] };
    expect(split({ messaging: [{ sender: { id: 'u1' }, recipient: { id: IG }, timestamp: 1, message: storyMention }] })).toEqual([
      { kind: 'message', dedupeKey: 'message:mid.1', skipReason: null, inbound: 'story_mention' },
    ]);
    const [referral] = split({ messaging: [{ sender: { id: 'u1' }, recipient: { id: IG }, timestamp: 1, referral: { ref: 'summer' } }] });
    expect(referral).toMatchObject({ kind: 'referral', skipReason: null, inbound: 'referral' });
    const [noRef] = split({ messaging: [{ sender: { id: 'u1' }, recipient: { id: IG }, timestamp: 1, referral: { source: 'ADS' } }] });
    expect(noRef).toMatchObject({ kind: 'referral', skipReason: 'referral_without_ref' });
  });
});
