import { matchesTrigger } from '../blocks/trigger/trigger-matcher';
import { leadGenFlow } from '../testing/lead-gen-flow.fixture';
import { createEmptyFlow } from './flow-graph';
import { flowTrigger } from './flow-trigger';

describe('flowTrigger', () => {
  it("reads a flow's trigger config for the matcher", () => {
    const trigger = flowTrigger(leadGenFlow({ keyword: 'ebook' }));
    expect(trigger).toMatchObject({ source: 'dm_keyword', keywords: ['ebook'] });
    expect(matchesTrigger(trigger!, { kind: 'dm', text: 'Send the EBOOK' })).toBe(true);
  });

  it('is null for a flow without a trigger', () => {
    expect(flowTrigger(createEmptyFlow())).toBeNull();
  });
});
