import { AT, enter, onEvent, runContext } from '../../testing/run-context.fixture';
import { validateConfig } from '../../kernel/config-validation';
import { delayBlock, type DelayUnit } from './delay.block';

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

  it.each([
    ['zero', { amount: 0 }, 'amount'],
    ['over 30 days', { amount: 31, unit: 'days' }, 'amount'],
    ['an unknown unit', { unit: 'weeks' }, 'unit'],
  ])('refuses %s', (_name, overrides, field) => {
    expect(validateConfig(delayBlock, { ...delayBlock.defaults(), ...overrides }).map((problem) => problem.field)).toContain(field);
  });
});
