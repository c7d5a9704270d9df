import { AT, enter, onEvent, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { delayBlock, type DelayConfig, type DelayUnit } from './delay.block';
import { delayLabel } from './delay-label';

describe('delay block', () => {
  it.each<[number, DelayUnit, number]>([
    [30, 'seconds', 30_000],
    [5, 'minutes', 300_000],
    [2, 'hours', 7_200_000],
    [3, 'days', 259_200_000],
  ])('%i %s parks a %i ms timer and waits', (amount, unit, delayMs) => {
    expect(enter(delayBlock, { amount, unit })).toEqual({ effects: [{ type: 'schedule_timer', purpose: 'delay', delayMs }] });
  });

  it('goes on when its own timer fires and ignores other events', () => {
    const waiting = runContext({ node: { nodeId: 'node1', attempts: 0, timerId: 'run1:node1:4' } });
    expect(onEvent(delayBlock, {}, { type: 'timer.fired', timerId: 'run1:node1:4', at: AT }, waiting)).toEqual({ next: 'next' });
    expect(onEvent(delayBlock, {}, { type: 'timer.fired', timerId: 'run1:other:2', at: AT }, waiting)).toEqual({});
    expect(onEvent(delayBlock, {}, { type: 'contact.message', text: 'hi', at: AT }, waiting)).toEqual({});
  });

  it('keeps a delay saved before smart delays (no mode) a fixed wait', () => {
    expect(validateConfig(delayBlock, { amount: 2, unit: 'minutes' })).toEqual([]);
    expect(enter(delayBlock, { mode: undefined, amount: 2, unit: 'minutes' })).toEqual({
      effects: [{ type: 'schedule_timer', purpose: 'delay', delayMs: 120_000 }],
    });
  });

  const businessHours: Partial<DelayConfig> = {
    mode: 'window',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    windowStart: '09:00',
    windowEnd: '17:00',
  };
  const at = (now: string, timeZone: string, variables = {}) => runContext({ now, variables }, { account: { timeZone, locale: 'en-GB' } });

  it('goes on at once inside the window, in the account’s time zone', () => {
    expect(enter(delayBlock, businessHours, at('2026-06-10T15:00:00Z', 'Europe/London'))).toEqual({ next: 'next' });
  });

  it('parks a timer due at the next opening, in the account’s time zone', () => {
    expect(enter(delayBlock, businessHours, at('2026-06-12T22:00:00Z', 'America/New_York'))).toEqual({
      effects: [{ type: 'schedule_timer', purpose: 'delay', delayMs: 63 * 3_600_000, dueAt: '2026-06-15T13:00:00.000Z' }],
    });
  });

  it('reads the window in UTC for a run saved before accounts had a time zone', () => {
    expect(enter(delayBlock, businessHours, runContext({ now: '2026-06-10T08:30:00Z' }))).toMatchObject({
      effects: [{ dueAt: '2026-06-10T09:00:00.000Z' }],
    });
  });

  it('waits until a date variable, goes on at once for a past one, and leaves by `error` without a date', () => {
    const config: Partial<DelayConfig> = { mode: 'until_date', dateVariable: 'when' };
    expect(enter(delayBlock, config, at('2026-06-10T12:00:00Z', 'UTC', { when: '2026-06-11T12:00:00Z' }))).toMatchObject({
      effects: [{ type: 'schedule_timer', delayMs: 86_400_000, dueAt: '2026-06-11T12:00:00.000Z' }],
    });
    expect(enter(delayBlock, config, at('2026-06-10T12:00:00Z', 'UTC', { when: '2020-01-01' }))).toEqual({ next: 'next' });
    expect(enter(delayBlock, config, at('2026-06-10T12:00:00Z', 'UTC', { when: 'soon' }))).toEqual({ next: 'error' });
    expect(delayBlock.ports(delayBlock.defaults()).map((port) => port.id)).toEqual(['next']);
    expect(delayBlock.ports({ ...delayBlock.defaults(), ...config }).map((port) => port.id)).toEqual(['next', 'error']);
  });

  it.each([
    ['a window with no day', { ...businessHours, days: [] }, 'days'],
    ['a window closing before it opens', { ...businessHours, windowStart: '17:00', windowEnd: '09:00' }, 'windowEnd'],
    ['a window time that is no time', { ...businessHours, windowStart: '9am' }, 'windowStart'],
    ['an unknown weekday', { ...businessHours, days: ['monday'] }, 'days'],
    ['a date variable with a bad name', { mode: 'until_date', dateVariable: '1st date' }, 'dateVariable'],
    ['an offset without a unit', { mode: 'until_date', dateVariable: 'when', offsetAmount: 2, offsetUnit: undefined }, 'offsetUnit'],
  ])('refuses %s', (_name, config, field) => {
    expect(validateConfig(delayBlock, { ...delayBlock.defaults(), ...config }).map((problem) => problem.field)).toContain(field);
  });

  it.each([
    [{ amount: 2, unit: 'hours' }, 'Wait 2 hours'],
    [businessHours, 'Wait until Mon–Fri 09:00–17:00 (account time)'],
    [{ ...businessHours, days: ['mon', 'wed', 'sat', 'sun'] }, 'Wait until Mon, Wed, Sat, Sun 09:00–17:00 (account time)'],
    [{ mode: 'until_date', dateVariable: 'when', offsetAmount: -1, offsetUnit: 'days' }, 'Wait until {{when}} − 1 days'],
  ])('reads %j as %j', (config, label) => {
    expect(delayLabel(config as Partial<DelayConfig>)).toBe(label);
  });

  it.each([
    ['zero', { amount: 0 }, 'amount'],
    ['over 30 days', { amount: 31, unit: 'days' }, 'amount'],
    ['an unknown unit', { unit: 'weeks' }, 'unit'],
  ])('refuses %s', (_name, overrides, field) => {
    expect(validateConfig(delayBlock, { ...delayBlock.defaults(), ...overrides }).map((problem) => problem.field)).toContain(field);
  });
});
