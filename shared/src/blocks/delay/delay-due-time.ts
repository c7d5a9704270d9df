import { DateTime } from 'luxon';
import type { VariableValue } from '../../kernel/run-context';
import { type DelayConfig, delayMode, delayMs, isoWeekday, minutesOfDay, UNIT_MS } from './delay.config';

/** When a delay lets the run go on: now, at `dueAt`, or never because its date variable holds no date. */
export type DelayDue = { kind: 'now' } | { kind: 'at'; dueAt: string; delayMs: number } | { kind: 'invalid'; reason: string };

export interface DelayClock {
  /** ISO-8601 instant the run reached the delay. */
  now: string;
  /** IANA zone the window's times and a date variable without offset are read in. */
  timeZone: string;
  variables: Record<string, VariableValue>;
}

const WEEK_MS = 7 * UNIT_MS.days;

function dueAt(now: DateTime, due: DateTime): DelayDue {
  const wait = due.toMillis() - now.toMillis();
  return wait <= 0 ? { kind: 'now' } : { kind: 'at', dueAt: due.toUTC().toISO() as string, delayMs: wait };
}

/** The time `time` (HH:mm) on `day`'s calendar date in its zone; a time skipped by a DST jump moves forward with it. */
function atTime(day: DateTime, time: string): DateTime {
  const minutes = minutesOfDay(time);
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
}

/** Inside an open window: now; otherwise the next opening on one of the window's days (looking a week ahead). */
export function nextWindowOpening(config: DelayConfig, now: DateTime): DelayDue {
  const days = new Set((config.days ?? []).map(isoWeekday));
  const start = config.windowStart ?? '00:00';
  const end = config.windowEnd ?? '23:59';
  const today = now.startOf('day');
  for (let offset = 0; offset <= 7; offset++) {
    const day = today.plus({ days: offset });
    if (!days.has(day.weekday)) continue;
    const opens = atTime(day, start);
    if (offset === 0 && now >= opens && now < atTime(day, end)) return { kind: 'now' };
    if (opens > now) return dueAt(now, opens);
  }
  return { kind: 'invalid', reason: 'the window has no day to open on' };
}

/** Reads an ISO date or date-time; one without an offset is a wall-clock time in the account's zone. */
export function readDateVariable(value: VariableValue | undefined, timeZone: string): DateTime | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const parsed = DateTime.fromISO(value.trim(), { zone: timeZone, setZone: true });
  return parsed.isValid ? parsed : null;
}

/**
 * When the delay ends, from the run's clock and the account's zone. Pure: no clock is read, so the engine, the
 * editor's preview and the tests agree. Calendar arithmetic (days, weekdays, DST) is luxon's, on the IANA zone data.
 */
export function delayDue(config: DelayConfig, clock: DelayClock): DelayDue {
  const now = DateTime.fromISO(clock.now, { zone: clock.timeZone });
  switch (delayMode(config)) {
    case 'duration':
      return dueAt(now, now.plus(delayMs(config)));
    case 'window':
      return nextWindowOpening(config, now);
    case 'until_date': {
      const variable = config.dateVariable ?? '';
      const date = readDateVariable(clock.variables[variable], clock.timeZone);
      if (!date) return { kind: 'invalid', reason: `variable ${variable} holds no ISO date` };
      const offset = config.offsetAmount && config.offsetUnit ? { [config.offsetUnit]: config.offsetAmount } : {};
      return dueAt(now, date.plus(offset));
    }
  }
}

/** The longest a window delay can wait: from a window's close to the next opening. For the messaging-window warnings. */
export function longestWindowWaitMs(config: DelayConfig): number {
  const days = [...new Set((config.days ?? []).map(isoWeekday))].sort((a, b) => a - b);
  if (!days.length || !config.windowStart || !config.windowEnd) return WEEK_MS;
  const open = minutesOfDay(config.windowStart) * 60_000;
  const close = minutesOfDay(config.windowEnd) * 60_000;
  return Math.max(
    ...days.map((day, index) => {
      const next = days[(index + 1) % days.length];
      const daysApart = (next - day + 7) % 7 || 7;
      return daysApart * UNIT_MS.days + open - close;
    }),
  );
}
