import { describe, expect, it } from 'vitest';
import type { FlowAnalyticsView } from '@dmflow/shared';
import { formatRate, nodeStatsById, rangeEndingNow } from './node-stats';

const analytics: FlowAnalyticsView = {
  flow_id: 'f',
  flow_version_id: 'v',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-23T00:00:00.000Z',
  runs: { entered: 7, completed: 3, dropped: 1, in_progress: 3 },
  conversion_rate: 0.4286,
  nodes: [
    { node_id: 'trigger', type: 'trigger', entered: 7, exited: 7, dropped: 0, waiting: 0 },
    {
      node_id: 'ask',
      type: 'question',
      entered: 7,
      exited: 4,
      dropped: 1,
      waiting: 2,
      answers: { answered: 3, skipped: 0, invalid: 1, timed_out: 0, answer_rate: 0.4286 },
    },
  ],
};

describe('node stats', () => {
  it('indexes the figures by node, with answer rates for questions only', () => {
    const stats = nodeStatsById(analytics);
    expect(stats.get('trigger')).toEqual({ entered: 7, exited: 7, dropped: 0, answerRate: null });
    expect(stats.get('ask')).toEqual({ entered: 7, exited: 4, dropped: 1, answerRate: 0.4286 });
    expect(stats.has('missing')).toBe(false);
  });

  it('formats rates as whole percentages and no data as a dash', () => {
    expect(formatRate(0.4286)).toBe('43%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });

  it('builds a range of whole days ending now', () => {
    const now = new Date('2026-11-23T12:00:00.000Z');
    expect(rangeEndingNow(7, now)).toEqual({ from: new Date('2026-11-16T12:00:00.000Z'), to: now });
  });
});
