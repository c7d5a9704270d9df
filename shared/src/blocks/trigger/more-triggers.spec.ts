import { validateConfig, toConfig } from '../../kernel/config-validation';
import { enter, runContext } from '../../testing/run-context.fixture';
import { triggerBlock } from './trigger.block';
import { matchesTrigger, matchingCondition } from './trigger-matcher';
import type { TriggerConfig } from './trigger.config';

const comment = (mediaId: string, text: string) => ({ kind: 'comment' as const, mediaId, text });
const condition = (overrides: Record<string, unknown>) => ({
  source: 'comment',
  postScope: 'any',
  storyScope: 'any',
  keywordMatch: 'any',
  keywords: [],
  ...overrides,
});
const config = (overrides: Partial<TriggerConfig>): TriggerConfig => toConfig(triggerBlock, { ...triggerBlock.defaults(), ...overrides });

describe('several triggers per flow', () => {
  const twoPostsAndADm = config({
    postScope: 'specific',
    mediaId: 'm1',
    keywords: ['guide'],
    moreTriggers: [
      condition({ postScope: 'specific', mediaId: 'm2', keywords: ['guide'] }),
      condition({ source: 'dm_keyword', keywords: ['send guide'] }),
    ] as TriggerConfig['moreTriggers'],
  });

  it('fires on any of its triggers: two posts, or a comment and a DM keyword', () => {
    expect(matchesTrigger(twoPostsAndADm, comment('m1', 'guide please'))).toBe(true);
    expect(matchesTrigger(twoPostsAndADm, comment('m2', 'guide please'))).toBe(true);
    expect(matchesTrigger(twoPostsAndADm, comment('m3', 'guide please'))).toBe(false);
    expect(matchesTrigger(twoPostsAndADm, { kind: 'dm', text: 'Send guide!' })).toBe(true);
    expect(matchesTrigger(twoPostsAndADm, { kind: 'dm', text: 'guide' })).toBe(false);
    expect(matchingCondition(twoPostsAndADm, comment('m2', 'guide'))).toMatchObject({ mediaId: 'm2' });
  });

  it('validates each extra trigger, and keeps "next post" to the first', () => {
    expect(validateConfig(triggerBlock, twoPostsAndADm)).toEqual([]);
    const problems = validateConfig(triggerBlock, {
      ...twoPostsAndADm,
      moreTriggers: [condition({ keywords: [] }), condition({ postScope: 'next', keywords: ['x'] })],
    }).map((problem) => problem.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'trigger 2: add at least one keyword, or choose "Every message"',
        'trigger 3: "The next post I publish" works for the first trigger only',
      ]),
    );
  });

  it('posts the public reply for a comment on an extra post, and none for a DM', () => {
    const withReply = { ...twoPostsAndADm, publicReply: 'Check your DMs!' };
    expect(
      enter(triggerBlock, withReply, runContext({}, { trigger: { kind: 'comment', commentId: 'c9', mediaId: 'm2', text: 'guide' } }))
        .effects,
    ).toEqual([{ type: 'reply_comment', commentId: 'c9', text: 'Check your DMs!' }]);
    expect(enter(triggerBlock, withReply, runContext({}, { trigger: { kind: 'dm', text: 'send guide' } })).effects).toBeUndefined();
  });
});
