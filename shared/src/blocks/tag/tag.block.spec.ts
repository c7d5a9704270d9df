import { enter } from '../../testing/run-context.fixture';
import { tagBlock } from './tag.block';

describe('tag block', () => {
  it.each([
    ['add', ['lead', 'vip'], { next: 'next', addTags: ['lead', 'vip'] }],
    ['remove', ['cold'], { next: 'next', removeTags: ['cold'] }],
  ] as const)('%s %j', (action, tags, result) => {
    expect(enter(tagBlock, { action, tags: [...tags] })).toEqual(result);
  });
});
