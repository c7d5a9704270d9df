import { FlowAnalyticsErrors } from './flow-analytics.errors';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

export interface DateRange {
  from: Date;
  to: Date;
}

/** `[from, to)`; `to` defaults to now, `from` to 30 days before `to`. */
export function analyticsRange(from: string | undefined, to: string | undefined, now = new Date()): DateRange {
  const end = to ? new Date(to) : now;
  const start = from ? new Date(from) : new Date(end.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (start.getTime() >= end.getTime()) {
    throw FlowAnalyticsErrors.invalidDateRange();
  }
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw FlowAnalyticsErrors.dateRangeTooLong(MAX_RANGE_DAYS);
  }
  return { from: start, to: end };
}
