import type { BlockDefinition, PortDefinition } from '../../kernel/block-definition';
import { runAccount } from '../../kernel/run-context';
import { delayDue, longestWindowWaitMs } from './delay-due-time';
import { checkDelay, DELAY_UNITS, DelayConfig, delayMode, delayMs, WEEKDAY_NAMES, WEEKDAYS } from './delay.config';

export { DELAY_UNITS, DelayConfig, type DelayUnit, delayMs, MAX_DELAY_MS, UNIT_MS } from './delay.config';

const unitOptions = DELAY_UNITS.map((value) => ({ value, label: value }));
const untilDate = { field: 'mode', equals: ['until_date'] };
const inWindow = { field: 'mode', equals: ['window'] };
const forDuration = { field: 'mode', equals: ['duration'] };

export const delayBlock: BlockDefinition<DelayConfig> = {
  type: 'delay',
  label: 'Delay',
  description:
    'Waits a fixed time, until a weekday/time-of-day window opens (business hours, in the account’s time zone), or until a date saved in a variable.',
  icon: 'clock',
  category: 'flow',
  configClass: DelayConfig,
  // Every mode's settings start filled in, so switching mode shows a working example (business hours Mon–Fri 9–5).
  defaults: () =>
    Object.assign(new DelayConfig(), {
      mode: 'duration',
      amount: 1,
      unit: 'hours',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      windowStart: '09:00',
      windowEnd: '17:00',
      dateVariable: '',
      offsetAmount: 0,
      offsetUnit: 'days',
    } satisfies Partial<DelayConfig>),
  fields: [
    {
      name: 'mode',
      label: 'Wait',
      kind: 'select',
      options: [
        { value: 'duration', label: 'For a fixed time' },
        { value: 'window', label: 'Until business hours (days and times)' },
        { value: 'until_date', label: 'Until a date saved in a variable' },
      ],
    },
    { name: 'amount', label: 'Wait for', kind: 'number', min: 1, visibleWhen: forDuration },
    { name: 'unit', label: 'Unit', kind: 'select', options: unitOptions, visibleWhen: forDuration },
    {
      name: 'days',
      label: 'On these days',
      kind: 'multi-select',
      options: WEEKDAYS.map((day) => ({ value: day, label: WEEKDAY_NAMES[day] })),
      visibleWhen: inWindow,
    },
    { name: 'windowStart', label: 'From (HH:MM, 24-hour)', kind: 'text', maxLength: 5, visibleWhen: inWindow },
    {
      name: 'windowEnd',
      label: 'Until (HH:MM, 24-hour)',
      kind: 'text',
      maxLength: 5,
      help: 'In the Instagram account’s time zone (account settings). Inside the window the run goes on at once.',
      visibleWhen: inWindow,
    },
    {
      name: 'dateVariable',
      label: 'Date variable',
      kind: 'text',
      placeholder: 'e.g. appointment_date',
      help: 'Holds an ISO date (2026-12-24) or date-time; without an offset it is read in the account’s time zone. A date in the past goes on at once.',
      visibleWhen: untilDate,
    },
    { name: 'offsetAmount', label: 'Plus (negative: before)', kind: 'number', visibleWhen: untilDate },
    { name: 'offsetUnit', label: 'Offset unit', kind: 'select', options: unitOptions, visibleWhen: untilDate },
  ],
  ports: (config) => {
    const ports: PortDefinition[] = [{ id: 'next', label: 'Next' }];
    if (delayMode(config) === 'until_date') ports.push({ id: 'error', label: 'No valid date' });
    return ports;
  },
  sendsMessage: false,
  messagingWindow: {
    silenceAfter: (config, port, entryMs) => {
      switch (delayMode(config)) {
        case 'duration':
          return entryMs + delayMs(config);
        case 'window':
          return entryMs + longestWindowWaitMs(config);
        case 'until_date':
          // The date is only known at run time: assume the worst, so a send after it is warned about.
          return port === 'error' ? entryMs : Number.POSITIVE_INFINITY;
      }
    },
  },
  parksRun: true,
  check: checkDelay,
  enter: ({ config, context }) => {
    // A fixed wait counts from when the run reached it, as the timer handler measures it.
    if (delayMode(config) === 'duration') return { effects: [{ type: 'schedule_timer', purpose: 'delay', delayMs: delayMs(config) }] };
    const due = delayDue(config, { now: context.now, timeZone: runAccount(context).timeZone, variables: context.variables });
    if (due.kind === 'now') return { next: 'next' };
    if (due.kind === 'invalid') return { next: 'error' };
    return { effects: [{ type: 'schedule_timer', purpose: 'delay', delayMs: due.delayMs, dueAt: due.dueAt }] };
  },
  onEvent: ({ context, event }) => (event.type === 'timer.fired' && event.timerId === context.node.timerId ? { next: 'next' } : {}),
};
