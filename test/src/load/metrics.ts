import type { ContactTimeline, TrafficResult } from './traffic';

/** Nearest-rank percentile of an ascending list (0 when empty). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarizeLatencies(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Comment posted → private reply at the sandbox, in ms (undefined if it never came). */
export const commentToPrivateReply = (contact: ContactTimeline): number | undefined =>
  contact.commentPostedAt !== undefined && contact.privateReplyAt !== undefined
    ? contact.privateReplyAt - contact.commentPostedAt
    : undefined;

/** DM answer posted → flow_completed at the receiver, in ms. */
export const answerToWebhook = (contact: ContactTimeline): number | undefined =>
  contact.answerPostedAt !== undefined && contact.flowCompletedAt !== undefined
    ? contact.flowCompletedAt - contact.answerPostedAt
    : undefined;

export interface TrafficSummary {
  contacts: number;
  completed: number;
  failed: number;
  /** First few failure reasons, for the report. */
  failures: string[];
  seconds: number;
  /** Comment and answer webhooks answered 200, per second of the run. */
  eventsAckedPerSecond: number;
  flowsCompletedPerSecond: number;
  /**
   * Completions per second from the first flow_completed to the last: the rate the server sustained once work
   * reached it, without the run's ramp-up (the first flow's latency); compares runs offered different loads.
   */
  sustainedCompletedPerSecond: number;
  /** Webhook POSTs that had to be retried (not answered 200 the first time). */
  retriedPosts: number;
  commentToPrivateReplyMs: LatencySummary;
  answerToWebhookMs: LatencySummary;
}

const defined = (values: Array<number | undefined>): number[] => values.filter((value): value is number => value !== undefined);

export function summarizeTraffic(result: TrafficResult): TrafficSummary {
  const seconds = (result.endedAt - result.startedAt) / 1000;
  const completed = result.contacts.filter((contact) => contact.flowCompletedAt !== undefined);
  const acked = result.contacts.reduce((sum, contact) => sum + (contact.commentAckedAt ? 1 : 0) + (contact.answerAckedAt ? 1 : 0), 0);
  const failed = result.contacts.filter((contact) => contact.error);
  return {
    contacts: result.contacts.length,
    completed: completed.length,
    failed: failed.length,
    failures: failed.slice(0, 5).map((contact) => `contact ${contact.index}: ${contact.error}`),
    seconds,
    eventsAckedPerSecond: acked / seconds,
    flowsCompletedPerSecond: completed.length / seconds,
    sustainedCompletedPerSecond: sustainedRate(completed.map((contact) => contact.flowCompletedAt as number)),
    retriedPosts: result.contacts.reduce(
      (sum, contact) => sum + Math.max(0, contact.commentAttempts - 1) + Math.max(0, contact.answerAttempts - 1),
      0,
    ),
    commentToPrivateReplyMs: summarizeLatencies(defined(result.contacts.map(commentToPrivateReply))),
    answerToWebhookMs: summarizeLatencies(defined(result.contacts.map(answerToWebhook))),
  };
}

function sustainedRate(completedAt: number[]): number {
  if (completedAt.length < 2) return 0;
  const spanSeconds = (Math.max(...completedAt) - Math.min(...completedAt)) / 1000;
  return spanSeconds > 0 ? (completedAt.length - 1) / spanSeconds : 0;
}
