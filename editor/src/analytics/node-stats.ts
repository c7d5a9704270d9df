import type { FlowAnalyticsView } from '@dmflow/shared';

/** What a block shows on the canvas while the stats panel is open. */
export interface NodeStats {
  entered: number;
  exited: number;
  dropped: number;
  /** Share of people asked who answered (questions only). */
  answerRate: number | null;
}

export function nodeStatsById(analytics: FlowAnalyticsView): Map<string, NodeStats> {
  return new Map(
    analytics.nodes.map((node) => [
      node.node_id,
      { entered: node.entered, exited: node.exited, dropped: node.dropped, answerRate: node.answers ? node.answers.answer_rate : null },
    ]),
  );
}

/** 0.4286 → "43%"; no data → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export const RANGES = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
] as const;

export function rangeEndingNow(days: number, now = new Date()): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * 24 * 60 * 60 * 1000), to: now };
}
