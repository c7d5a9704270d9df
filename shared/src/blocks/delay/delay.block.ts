import { IsIn, IsInt, Max, Min } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';

export const DELAY_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const UNIT_MS: Record<DelayUnit, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
export const MAX_DELAY_MS = 30 * UNIT_MS.days;

export class DelayConfig {
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  amount: number;

  @IsIn(DELAY_UNITS)
  unit: DelayUnit;
}

export function delayMs(config: DelayConfig): number {
  return config.amount * UNIT_MS[config.unit];
}

export const delayBlock: BlockDefinition<DelayConfig> = {
  type: 'delay',
  label: 'Delay',
  description: 'Waits from seconds to days before continuing.',
  icon: 'clock',
  category: 'flow',
  configClass: DelayConfig,
  defaults: () => Object.assign(new DelayConfig(), { amount: 1, unit: 'hours' }),
  fields: [
    { name: 'amount', label: 'Wait', kind: 'number', min: 1 },
    { name: 'unit', label: 'Unit', kind: 'select', options: DELAY_UNITS.map((value) => ({ value, label: value })) },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  messagingWindow: { silenceAfter: (config, _port, entryMs) => entryMs + delayMs(config) },
  parksRun: true,
  check: (config) => (delayMs(config) > MAX_DELAY_MS ? ['amount: a delay can last at most 30 days'] : []),
  enter: ({ config }) => ({ effects: [{ type: 'schedule_timer', purpose: 'delay', delayMs: delayMs(config) }] }),
  onEvent: ({ context, event }) => (event.type === 'timer.fired' && event.timerId === context.node.timerId ? { next: 'next' } : {}),
};
