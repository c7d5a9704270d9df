import { triggerBlock } from '../blocks/trigger/trigger.block';
import type { TriggerConfig } from '../blocks/trigger/trigger.config';
import { toConfig } from '../kernel/config-validation';
import { describeClash, keywordClashes, type LiveTrigger } from './keyword-clashes';

const trigger = (overrides: Partial<TriggerConfig>): TriggerConfig => toConfig(triggerBlock, { ...triggerBlock.defaults(), ...overrides });
const live = (flowName: string, overrides: Partial<TriggerConfig>): LiveTrigger => ({
  flowId: flowName,
  flowName,
  config: trigger(overrides),
});

describe('keyword clashes between live flows', () => {
  const guideOnPost = live('Guide', { postScope: 'specific', mediaId: 'm1', keywords: ['Free Guide', 'pdf'] });

  it('finds the same keyword on the same post, ignoring case, accents and spacing', () => {
    const clashes = keywordClashes(trigger({ postScope: 'specific', mediaId: 'm1', keywords: ['free  guide', 'ebook'] }), [guideOnPost]);
    expect(clashes).toEqual([{ flowId: 'Guide', flowName: 'Guide', keyword: 'free  guide', place: 'post m1' }]);
    expect(describeClash(clashes[0])).toBe(
      '"Guide" is live and already answers the keyword "free  guide" on post m1; only one of the two flows will start.',
    );
  });

  it('ignores other posts, other sources and other keywords', () => {
    expect(keywordClashes(trigger({ postScope: 'specific', mediaId: 'm2', keywords: ['free guide'] }), [guideOnPost])).toEqual([]);
    expect(keywordClashes(trigger({ source: 'dm_keyword', keywords: ['free guide'] }), [guideOnPost])).toEqual([]);
    expect(keywordClashes(trigger({ postScope: 'specific', mediaId: 'm1', keywords: ['ebook'] }), [guideOnPost])).toEqual([]);
  });

  it('checks every trigger of both flows, and "every message" against "every message"', () => {
    const mine = trigger({
      source: 'dm_keyword',
      keywords: ['price'],
      moreTriggers: [
        { source: 'comment', postScope: 'specific', mediaId: 'm1', storyScope: 'any', keywordMatch: 'any', keywords: ['pdf'] },
      ],
    });
    expect(keywordClashes(mine, [guideOnPost, live('Prices', { source: 'dm_keyword', keywords: ['PRICE'] })]).map(describeClash)).toEqual([
      '"Prices" is live and already answers the keyword "price" on DMs; only one of the two flows will start.',
      '"Guide" is live and already answers the keyword "pdf" on post m1; only one of the two flows will start.',
    ]);
    expect(
      keywordClashes(trigger({ source: 'story_reply', keywordMatch: 'every' }), [
        live('Stories', { source: 'story_reply', keywordMatch: 'every' }),
      ]),
    ).toEqual([{ flowId: 'Stories', flowName: 'Stories', keyword: null, place: 'any story' }]);
  });
});
