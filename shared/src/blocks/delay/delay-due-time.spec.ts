import type { DelayConfig } from './delay.config';
import { delayDue, longestWindowWaitMs } from './delay-due-time';

const businessHours: DelayConfig = {
  mode: 'window',
  amount: 1,
  unit: 'hours',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  windowStart: '09:00',
  windowEnd: '17:00',
};
const window = (overrides: Partial<DelayConfig>): DelayConfig => ({ ...businessHours, ...overrides });
const due = (config: DelayConfig, now: string, timeZone = 'UTC', variables = {}) => delayDue(config, { now, timeZone, variables });

describe('delayDue: business-hours window', () => {
  it.each([
    ['inside the window (Wed 10:00 London)', '2026-06-10T09:00:00Z', 'Europe/London'],
    ['at the opening minute', '2026-06-10T08:00:00Z', 'Europe/London'],
    ['inside in New York, though outside in UTC', '2026-06-10T20:00:00Z', 'America/New_York'],
  ])('goes on at once %s', (_name, now, zone) => {
    expect(due(businessHours, now, zone)).toEqual({ kind: 'now' });
  });

  it.each([
    ['before the opening: today at 09:00', '2026-06-10T05:00:00Z', 'Europe/London', '2026-06-10T08:00:00.000Z'],
    ['at the closing minute: tomorrow', '2026-06-10T16:00:00Z', 'Europe/London', '2026-06-11T08:00:00.000Z'],
    ['after Friday’s close: Monday (week-end wrap)', '2026-06-12T17:30:00Z', 'Europe/London', '2026-06-15T08:00:00.000Z'],
    ['Saturday: Monday', '2026-06-13T12:00:00Z', 'Asia/Kolkata', '2026-06-15T03:30:00.000Z'],
    ['in a zone ahead of UTC, already Saturday there', '2026-06-12T23:00:00Z', 'Asia/Tokyo', '2026-06-15T00:00:00.000Z'],
  ])('%s', (_name, now, zone, dueAt) => {
    expect(due(businessHours, now, zone)).toEqual({ kind: 'at', dueAt, delayMs: Date.parse(dueAt) - Date.parse(now) });
  });

  it('counts wall-clock hours across the spring DST jump (New York, 8 March 2026): Fri 18:00 EST → Mon 09:00 EDT is 62 h', () => {
    expect(due(businessHours, '2026-03-06T23:00:00Z', 'America/New_York')).toEqual({
      kind: 'at',
      dueAt: '2026-03-09T13:00:00.000Z',
      delayMs: 62 * 3_600_000,
    });
  });

  it('counts wall-clock hours across the autumn DST change (London, 25 October 2026): Sat noon BST → Mon 09:00 GMT is 46 h', () => {
    expect(due(businessHours, '2026-10-24T11:00:00Z', 'Europe/London')).toEqual({
      kind: 'at',
      dueAt: '2026-10-26T09:00:00.000Z',
      delayMs: 46 * 3_600_000,
    });
  });

  it('moves an opening the DST jump skips forward with the clocks (02:30 on 8 March 2026 in New York is 03:30 EDT)', () => {
    expect(
      due(window({ days: ['sun'], windowStart: '02:30', windowEnd: '04:00' }), '2026-03-08T05:00:00Z', 'America/New_York'),
    ).toMatchObject({
      dueAt: '2026-03-08T07:30:00.000Z',
    });
  });

  it('wraps to the same weekday next week when today’s only window has closed', () => {
    expect(due(window({ days: ['mon'] }), '2026-06-08T18:00:00Z')).toMatchObject({ dueAt: '2026-06-15T09:00:00.000Z' });
    expect(due(window({ days: ['sun'] }), '2026-06-13T10:00:00Z')).toMatchObject({ dueAt: '2026-06-14T09:00:00.000Z' });
  });

  it('knows the longest wait, for the messaging-window warnings', () => {
    expect(longestWindowWaitMs(businessHours)).toBe((2 * 24 + 16) * 3_600_000);
    expect(longestWindowWaitMs(window({ days: ['wed'] }))).toBe((7 * 24 - 8) * 3_600_000);
  });
});

describe('delayDue: until a date variable', () => {
  const untilDate = (overrides: Partial<DelayConfig> = {}): DelayConfig => ({
    mode: 'until_date',
    amount: 1,
    unit: 'hours',
    dateVariable: 'appointment',
    ...overrides,
  });

  it('reads a date without a time as midnight in the account’s zone', () => {
    expect(due(untilDate(), '2026-06-10T12:00:00Z', 'Europe/Paris', { appointment: '2026-06-12' })).toEqual({
      kind: 'at',
      dueAt: '2026-06-11T22:00:00.000Z',
      delayMs: 34 * 3_600_000,
    });
  });

  it('keeps the offset a date-time carries', () => {
    expect(due(untilDate(), '2026-06-10T12:00:00Z', 'Europe/Paris', { appointment: '2026-06-10T15:00:00-04:00' })).toMatchObject({
      dueAt: '2026-06-10T19:00:00.000Z',
    });
  });

  it('adds a calendar offset: 1 day before a date after the autumn change is 25 hours before it', () => {
    expect(
      due(untilDate({ offsetAmount: -1, offsetUnit: 'days' }), '2026-10-20T00:00:00Z', 'Europe/London', {
        appointment: '2026-10-26T09:00',
      }),
    ).toMatchObject({ dueAt: '2026-10-25T09:00:00.000Z' });
    expect(
      due(untilDate({ offsetAmount: 2, offsetUnit: 'hours' }), '2026-06-01T00:00:00Z', 'UTC', { appointment: '2026-06-02T10:00:00Z' }),
    ).toMatchObject({ dueAt: '2026-06-02T12:00:00.000Z' });
  });

  it('goes on at once for a date in the past', () => {
    expect(due(untilDate(), '2026-06-10T12:00:00Z', 'UTC', { appointment: '2026-01-01' })).toEqual({ kind: 'now' });
  });

  it.each([
    ['missing', undefined],
    ['not a date', 'next week'],
    ['a number', 42],
    ['an impossible date', '2026-02-30'],
  ])('says why it cannot wait for a variable that is %s', (_name, value) => {
    expect(due(untilDate(), '2026-06-10T12:00:00Z', 'UTC', value === undefined ? {} : { appointment: value })).toEqual({
      kind: 'invalid',
      reason: 'variable appointment holds no ISO date',
    });
  });
});

describe('delayDue: a fixed duration', () => {
  it('waits exactly the duration', () => {
    expect(due({ mode: 'duration', amount: 90, unit: 'minutes' }, '2026-06-10T12:00:00Z')).toEqual({
      kind: 'at',
      dueAt: '2026-06-10T13:30:00.000Z',
      delayMs: 5_400_000,
    });
  });
});
