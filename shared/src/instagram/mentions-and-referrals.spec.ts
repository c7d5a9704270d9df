import { toConfig, validateConfig } from '../kernel/config-validation';
import { triggerBlock } from '../blocks/trigger/trigger.block';
import { triggerContextFor, triggerInputs } from '../blocks/trigger/inbound-trigger';
import { matchesTrigger } from '../blocks/trigger/trigger-matcher';
import type { TriggerConfig } from '../blocks/trigger/trigger.config';
import { normalizeInboundEvent, opensMessagingWindow, refOf, type InstagramEventKind } from './inbound-event';
import type { InstagramEntry } from './webhook-event';

const read = (kind: InstagramEventKind, entry: Omit<InstagramEntry, 'id'>) =>
  normalizeInboundEvent(kind, { object: 'instagram', entry: [{ id: '1784', time: 1, ...entry }] });
const trigger = (overrides: Partial<TriggerConfig>): TriggerConfig => toConfig(triggerBlock, { ...triggerBlock.defaults(), ...overrides });

describe('story mentions, mentions and ref links', () => {
  it('reads a story_mention DM as a story mention, with the story URL in the trigger context', () => {
    const inbound = read('message', {
      messaging: [
        { sender: { id: 'u1' }, message: { mid: 'mid1', attachments: [{ type: 'story_mention', payload: { url: 'https://cdn/s.jpg' } }] } },
      ],
    });
    expect(inbound).toEqual({ kind: 'story_mention', senderId: 'u1', mid: 'mid1', storyUrl: 'https://cdn/s.jpg' });
    expect(triggerInputs(inbound!)).toEqual([{ kind: 'story_mention' }]);
    expect(triggerContextFor(inbound!)).toEqual({ kind: 'story_mention', storyUrl: 'https://cdn/s.jpg' });
    expect(opensMessagingWindow(inbound!)).toBe(true);
  });

  it('reads a mentions change with its author, comment, post and text', () => {
    const inbound = read('mention', {
      changes: [
        { field: 'mentions', value: { comment_id: 'c9', media_id: 'm9', text: '@shop price?', from: { id: 'u2', username: 'ann' } } },
      ],
    });
    expect(inbound).toEqual({ kind: 'mention', senderId: 'u2', username: 'ann', commentId: 'c9', mediaId: 'm9', text: '@shop price?' });
    expect(triggerContextFor(inbound!)).toEqual({ kind: 'mention', text: '@shop price?', commentId: 'c9', mediaId: 'm9' });
    expect(opensMessagingWindow(inbound!)).toBe(false);
  });

  it('reads a messaging_referral and a first message carrying a ref', () => {
    const referral = read('referral', { messaging: [{ sender: { id: 'u3' }, referral: { ref: 'summer', source: 'IGME_SOURCE_LINK' } }] });
    expect(triggerInputs(referral!)).toEqual([{ kind: 'ref', ref: 'summer' }]);
    expect(refOf(referral!)).toBe('summer');
    const message = read('message', {
      messaging: [{ sender: { id: 'u3' }, message: { mid: 'x', text: 'hi', referral: { ref: 'summer' } } }],
    });
    expect(triggerInputs(message!)).toEqual([
      { kind: 'ref', ref: 'summer' },
      { kind: 'dm', text: 'hi' },
    ]);
    expect(refOf(message!)).toBe('summer');
  });

  it('matches each source: story mentions ignore keywords, mentions filter on them, refs must be equal', () => {
    expect(matchesTrigger(trigger({ source: 'story_mention', keywordMatch: 'any', keywords: ['x'] }), { kind: 'story_mention' })).toBe(
      true,
    );
    const mention = trigger({ source: 'mention', keywordMatch: 'any', keywords: ['price'] });
    expect(matchesTrigger(mention, { kind: 'mention', text: '@shop price?', mediaId: 'm' })).toBe(true);
    expect(matchesTrigger(mention, { kind: 'mention', text: '@shop hello', mediaId: 'm' })).toBe(false);
    const ref = trigger({ source: 'ref_url', ref: 'summer' });
    expect(matchesTrigger(ref, { kind: 'ref', ref: 'summer' })).toBe(true);
    expect(matchesTrigger(ref, { kind: 'ref', ref: 'winter' })).toBe(false);
  });

  it('validates a ref: present, and only the characters ig.me links carry', () => {
    const problems = (ref: unknown) => validateConfig(triggerBlock, { ...triggerBlock.defaults(), source: 'ref_url', ref, keywords: [] });
    expect(problems('summer-2026')).toEqual([]);
    expect(problems('')).toEqual([expect.objectContaining({ field: 'ref' })]);
    expect(problems('a b')).toEqual([expect.objectContaining({ field: 'ref' })]);
  });
});
