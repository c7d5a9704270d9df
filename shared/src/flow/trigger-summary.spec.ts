import { createEmptyFlow, type FlowGraph } from './flow-graph';
import { triggerSummary } from './trigger-summary';

function withTrigger(config: Record<string, unknown>): FlowGraph {
  return { ...createEmptyFlow(), nodes: [{ id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { config } }] };
}

describe('triggerSummary', () => {
  it.each([
    [{ source: 'comment', postScope: 'any', keywordMatch: 'any', keywords: ['info', 'price'] }, 'Comment on any post: "info", "price"'],
    [{ source: 'comment', postScope: 'specific', keywordMatch: 'every', keywords: ['x'] }, 'Comment on a post: anything'],
    [{ source: 'comment', postScope: 'next', keywordMatch: 'exact', keywords: ['go'] }, 'Comment on the next post: "go"'],
    [{ source: 'dm_keyword', keywordMatch: 'any', keywords: ['guide'] }, 'DM: "guide"'],
    [{ source: 'story_reply', keywordMatch: 'any', keywords: [] }, 'Story reply: anything'],
    [{ source: 'postback', payload: 'GET_LINK', keywordMatch: 'any', keywords: [] }, 'Button tap: GET_LINK'],
  ])('%j reads "%s"', (config, expected) => {
    expect(triggerSummary(withTrigger(config))).toBe(expected);
  });

  it('says so when the flow has no trigger', () => {
    expect(triggerSummary(createEmptyFlow())).toBe('No trigger');
  });
});
