import { BLOCKS, toConfig, type InboundTrigger, type TriggerConfig } from '@dmflow/shared';
import { cases } from '../../../test/support/table-test';
import { chooseTrigger, TriggerCandidate } from './choose-trigger';

let created = 0;
const flow = (flowId: string, overrides: Partial<TriggerConfig>): TriggerCandidate => ({
  flowId,
  flowVersionId: `${flowId}-v1`,
  config: toConfig(BLOCKS.trigger, { ...BLOCKS.trigger.defaults(), ...overrides }),
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, created)),
  liveSince: new Date(Date.UTC(2026, 0, 1, 0, 0, created++)),
});

const anyPostPrice = flow('any-post-price', { keywords: ['price'] });
const onePostPrice = flow('one-post-price', { postScope: 'specific', mediaId: 'm1', keywords: ['price'] });
const everyComment = flow('every-comment', { keywordMatch: 'every' });
const laterAnyPostPrice = flow('later-any-post-price', { keywords: ['price'] });
const live = flow('live', { source: 'live_comment', keywords: ['win'] });
const dmGuide = flow('dm-guide', { source: 'dm_keyword', keywords: ['guide'] });
const dmExact = flow('dm-exact', { source: 'dm_keyword', keywordMatch: 'exact', keywords: ['Café'] });
const postback = flow('postback-start', { source: 'postback', payload: 'START' });
const story = flow('story', { source: 'story_reply', keywordMatch: 'every' });
// Several triggers: any post "deal", plus post m3 "price" (ranked by the trigger that fires).
const severalTriggers = flow('several-triggers', {
  keywords: ['deal'],
  moreTriggers: [{ source: 'comment', postScope: 'specific', mediaId: 'm3', storyScope: 'any', keywordMatch: 'any', keywords: ['price'] }],
});
const all = [laterAnyPostPrice, everyComment, anyPostPrice, onePostPrice, live, dmGuide, dmExact, postback, story];

describe('chooseTrigger', () => {
  cases<[string, readonly TriggerCandidate[], InboundTrigger[], string | null, string | null]>(
    [
      ['a post-bound trigger beats an any-post trigger', all, [{ kind: 'comment', text: 'PRICE?', mediaId: 'm1' }], null, 'one-post-price'],
      [
        'on another post, the oldest any-post keyword trigger wins',
        all,
        [{ kind: 'comment', text: 'the price', mediaId: 'm2' }],
        null,
        'any-post-price',
      ],
      [
        'a keyword trigger beats "every comment"',
        [everyComment, laterAnyPostPrice],
        [{ kind: 'comment', text: 'price', mediaId: 'm2' }],
        null,
        'later-any-post-price',
      ],
      ['"every comment" catches the rest', all, [{ kind: 'comment', text: 'nice pic', mediaId: 'm2' }], null, 'every-comment'],
      ['a live comment only fires live triggers', all, [{ kind: 'live_comment', text: 'I win', mediaId: 'l1' }], null, 'live'],
      ['a DM keyword, case-insensitive', all, [{ kind: 'dm', text: 'GUIDE please' }], null, 'dm-guide'],
      ['an exact DM keyword, accent-insensitive', all, [{ kind: 'dm', text: 'cafe' }], null, 'dm-exact'],
      ['a DM without keyword', all, [{ kind: 'dm', text: 'hello' }], null, null],
      ['a postback payload', all, [{ kind: 'postback', payload: 'START' }], null, 'postback-start'],
      [
        'a postback naming a flow starts it, whatever its trigger',
        all,
        [{ kind: 'postback', payload: '{"flow_id":"dm-guide"}' }],
        'dm-guide',
        'dm-guide',
      ],
      [
        'a postback naming an unknown flow falls back to payload triggers',
        all,
        [{ kind: 'postback', payload: 'START' }],
        'gone',
        'postback-start',
      ],
      [
        'a quick reply tried as payload, then as text',
        all,
        [
          { kind: 'postback', payload: 'NOPE' },
          { kind: 'dm', text: 'guide' },
        ],
        null,
        'dm-guide',
      ],
      ['a story reply', all, [{ kind: 'story_reply', text: '🔥', storyId: 's1' }], null, 'story'],
      ['no live flows', [], [{ kind: 'dm', text: 'guide' }], null, null],
      [
        'a flow with several triggers fires on its extra post, and ranks as post-bound there',
        [...all, severalTriggers],
        [{ kind: 'comment', text: 'price?', mediaId: 'm3' }],
        null,
        'several-triggers',
      ],
      [
        'elsewhere its any-post trigger ranks as any-post',
        [anyPostPrice, severalTriggers],
        [{ kind: 'comment', text: 'price and deal', mediaId: 'm9' }],
        null,
        'any-post-price',
      ],
    ],
    (name) => name,
    (_name, candidates, inputs, named, expected) => {
      expect(chooseTrigger(candidates, inputs, named)?.flowId ?? null).toBe(expected);
    },
  );
});
