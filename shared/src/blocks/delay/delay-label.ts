import { type DelayConfig, delayMode, WEEKDAY_NAMES, WEEKDAYS, type Weekday } from './delay.config';

/** Consecutive weekdays read as a range: [1,2,3,4,5] → "Mon–Fri", [1,3] → "Mon, Wed". */
export function weekdaysLabel(days: readonly Weekday[]): string {
  const sorted = WEEKDAYS.filter((day) => days.includes(day));
  if (sorted.length === 7) return 'every day';
  const runs: Weekday[][] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    if (run && WEEKDAYS.indexOf(run[run.length - 1]) === WEEKDAYS.indexOf(day) - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) =>
      run.length >= 3 ? `${WEEKDAY_NAMES[run[0]]}–${WEEKDAY_NAMES[run[run.length - 1]]}` : run.map((day) => WEEKDAY_NAMES[day]).join(', '),
    )
    .join(', ');
}

/** What the delay waits for, in words, for the canvas and the preview. */
export function delayLabel(config: Partial<DelayConfig>): string {
  switch (delayMode(config as DelayConfig)) {
    case 'duration':
      return config.amount === undefined ? '' : `Wait ${config.amount} ${config.unit ?? ''}`.trim();
    case 'window':
      return `Wait until ${weekdaysLabel(config.days ?? [])} ${config.windowStart ?? '?'}–${config.windowEnd ?? '?'} (account time)`;
    case 'until_date': {
      const offset =
        config.offsetAmount && config.offsetUnit
          ? ` ${config.offsetAmount > 0 ? '+' : '−'} ${Math.abs(config.offsetAmount)} ${config.offsetUnit}`
          : '';
      return `Wait until {{${config.dateVariable ?? '?'}}}${offset}`;
    }
  }
}
