import { enter, runContext } from '../../testing/run-context.fixture';
import { toConfig } from '../../kernel/config-validation';
import { validateConfig } from '../../kernel/config-validation';
import { triggerBlock } from './trigger.block';
import { matchesTrigger, type InboundTrigger } from './trigger-matcher';
import type { TriggerConfig } from './trigger.config';

const config = (overrides: Partial<TriggerConfig>): TriggerConfig => toConfig(triggerBlock, { ...triggerBlock.defaults(), ...overrides });

describe('trigger block', () => {
  it.each<[string, Partial<TriggerConfig>, InboundTrigger, boolean]>([
    ['any post, any keyword', { keywords: ['price'] }, { kind: 'comment', text: 'What is the PRICE?', mediaId: 'm1' }, true],
    ['keyword is a whole word', { keywords: ['price'] }, { kind: 'comment', text: 'priceless', mediaId: 'm1' }, false],
    ['accent-insensitive', { keywords: ['café'] }, { kind: 'comment', text: 'CAFE please', mediaId: 'm1' }, true],
    ['accents in the comment', { keywords: ['cafe'] }, { kind: 'comment', text: 'un café ?', mediaId: 'm1' }, true],
    ['multi-word keyword', { keywords: ['send link'] }, { kind: 'comment', text: 'pls send  link!', mediaId: 'm1' }, true],
    [
      'all keywords present',
      { keywordMatch: 'all', keywords: ['red', 'xl'] },
      { kind: 'comment', text: 'red shirt in XL', mediaId: 'm1' },
      true,
    ],
    [
      'all keywords, one missing',
      { keywordMatch: 'all', keywords: ['red', 'xl'] },
      { kind: 'comment', text: 'red shirt', mediaId: 'm1' },
      false,
    ],
    ['exact match', { keywordMatch: 'exact', keywords: ['Guide'] }, { kind: 'comment', text: ' guide ', mediaId: 'm1' }, true],
    [
      'exact match refuses more words',
      { keywordMatch: 'exact', keywords: ['guide'] },
      { kind: 'comment', text: 'the guide', mediaId: 'm1' },
      false,
    ],
    ['every comment', { keywordMatch: 'every' }, { kind: 'comment', text: 'anything', mediaId: 'm1' }, true],
    [
      'specific post matches',
      { postScope: 'specific', mediaId: 'm1', keywordMatch: 'every' },
      { kind: 'comment', text: 'x', mediaId: 'm1' },
      true,
    ],
    [
      'specific post, other post',
      { postScope: 'specific', mediaId: 'm1', keywordMatch: 'every' },
      { kind: 'comment', text: 'x', mediaId: 'm2' },
      false,
    ],
    ['next post not bound yet', { postScope: 'next', keywordMatch: 'every' }, { kind: 'comment', text: 'x', mediaId: 'm9' }, false],
    [
      'next post once bound',
      { postScope: 'next', mediaId: 'm9', keywordMatch: 'every' },
      { kind: 'comment', text: 'x', mediaId: 'm9' },
      true,
    ],
    ['live comment', { source: 'live_comment', keywords: ['win'] }, { kind: 'live_comment', text: 'I want to WIN', mediaId: 'live' }, true],
    ['comment trigger ignores live comments', { keywords: ['win'] }, { kind: 'live_comment', text: 'win', mediaId: 'live' }, false],
    ['any story', { source: 'story_reply', keywordMatch: 'every' }, { kind: 'story_reply', text: '🔥', storyId: 's1' }, true],
    [
      'one story, other story',
      { source: 'story_reply', storyScope: 'specific', storyId: 's1', keywordMatch: 'every' },
      { kind: 'story_reply', text: 'hi', storyId: 's2' },
      false,
    ],
    ['DM keyword', { source: 'dm_keyword', keywords: ['guide'] }, { kind: 'dm', text: 'Guide pls' }, true],
    ['DM without keyword', { source: 'dm_keyword', keywords: ['guide'] }, { kind: 'dm', text: 'hello' }, false],
    ['postback payload', { source: 'postback', payload: 'GET_STARTED' }, { kind: 'postback', payload: 'GET_STARTED' }, true],
    ['other postback', { source: 'postback', payload: 'GET_STARTED' }, { kind: 'postback', payload: 'OTHER' }, false],
    ['DM does not fire a comment trigger', { keywords: ['guide'] }, { kind: 'dm', text: 'guide' }, false],
  ])('%s', (_name, overrides, inbound, expected) => {
    expect(matchesTrigger(config(overrides), inbound)).toBe(expected);
  });

  it.each<[string, Partial<TriggerConfig>, string]>([
    ['keywords missing', { keywordMatch: 'any', keywords: [] }, 'add at least one keyword, or choose "Every message"'],
    ['specific post without id', { postScope: 'specific', keywordMatch: 'every' }, 'choose the post this trigger listens to'],
    ['postback without payload', { source: 'postback' }, 'set the postback payload this trigger answers'],
  ])('refuses a config with %s', (_name, overrides, message) => {
    expect(validateConfig(triggerBlock, { ...triggerBlock.defaults(), ...overrides }).map((problem) => problem.message)).toContain(message);
  });

  it('posts the public reply under the triggering comment, then goes on', () => {
    const context = runContext({}, { trigger: { kind: 'comment', commentId: 'c1', mediaId: 'm1', text: 'price' } });
    expect(enter(triggerBlock, { keywords: ['price'], publicReply: 'Sent you a DM, @{{contact.username}}!' }, context)).toEqual({
      next: 'next',
      effects: [{ type: 'reply_comment', commentId: 'c1', text: 'Sent you a DM, @user123!' }],
    });
    expect(enter(triggerBlock, { keywords: ['price'] }, context)).toEqual({ next: 'next' });
  });

  it('picks one of several public replies per comment, the same one every time for that comment', () => {
    const replies = { keywords: ['price'], publicReply: 'A', publicReplyVariants: ['B', 'C', '  '] };
    const picked = (commentId: string) => {
      const step = enter(triggerBlock, replies, runContext({}, { trigger: { kind: 'comment', commentId, mediaId: 'm1', text: 'price' } }));
      return (step.effects?.[0] as { text: string }).text;
    };
    const texts = Array.from({ length: 60 }, (_, i) => picked(`c${i}`));
    expect(new Set(texts)).toEqual(new Set(['A', 'B', 'C']));
    expect(picked('c7')).toBe(picked('c7'));
    expect(
      enter(
        triggerBlock,
        { keywords: ['price'], publicReplyVariants: ['Only me'] },
        runContext({}, { trigger: { kind: 'comment', commentId: 'c1', mediaId: 'm1', text: 'price' } }),
      ).effects,
    ).toEqual([{ type: 'reply_comment', commentId: 'c1', text: 'Only me' }]);
  });
});
