import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { VARIABLE_NAME } from '../../kernel/variable-name';

export const DELAY_MODES = ['duration', 'window', 'until_date'] as const;
/** `duration`: a fixed wait; `window`: until a weekday/time-of-day window opens; `until_date`: until a date variable. */
export type DelayMode = (typeof DELAY_MODES)[number];

export const DELAY_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const UNIT_MS: Record<DelayUnit, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
export const MAX_DELAY_MS = 30 * UNIT_MS.days;

/** Weekdays in ISO order: index + 1 is the ISO weekday number luxon uses (Monday = 1 … Sunday = 7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

export function isoWeekday(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}

/** 24-hour `HH:mm`. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const isMode = (mode: DelayMode) => (config: DelayConfig) => (config.mode ?? 'duration') === mode;

export class DelayConfig {
  /** Omitted in flows saved before smart delays: a fixed duration. */
  @IsOptional()
  @IsIn(DELAY_MODES)
  mode?: DelayMode;

  @ValidateIf(isMode('duration'))
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  amount: number;

  @ValidateIf(isMode('duration'))
  @IsIn(DELAY_UNITS)
  unit: DelayUnit;

  /** `window`: the weekdays the window opens on. */
  @ValidateIf(isMode('window'))
  @IsArray()
  @ArrayMinSize(1, { message: 'days: pick at least one day' })
  @ArrayMaxSize(7)
  @IsIn(WEEKDAYS, { each: true })
  days?: Weekday[];

  /** `window`: when it opens and closes each of those days, in the account's time zone (end after start). */
  @ValidateIf(isMode('window'))
  @Matches(TIME_OF_DAY, { message: 'windowStart must be a time like 09:00' })
  windowStart?: string;

  @ValidateIf(isMode('window'))
  @Matches(TIME_OF_DAY, { message: 'windowEnd must be a time like 17:00' })
  windowEnd?: string;

  /** `until_date`: the run variable holding an ISO date (`2026-12-24`) or date-time. */
  @ValidateIf(isMode('until_date'))
  @Matches(VARIABLE_NAME, { message: 'dateVariable must start with a letter or _ and hold only letters, digits and _' })
  dateVariable?: string;

  /** `until_date`: added to the date; negative waits until before it (e.g. -1 days: the day before). */
  @ValidateIf(isMode('until_date'))
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  offsetAmount?: number;

  @ValidateIf(isMode('until_date'))
  @IsOptional()
  @IsIn(DELAY_UNITS)
  offsetUnit?: DelayUnit;
}

export function delayMode(config: DelayConfig): DelayMode {
  return config.mode ?? 'duration';
}

export function delayMs(config: DelayConfig): number {
  return config.amount * UNIT_MS[config.unit];
}

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Cross-field problems of a delay: a duration's cap, a window that closes before it opens. */
export function checkDelay(config: DelayConfig): string[] {
  switch (delayMode(config)) {
    case 'duration':
      return delayMs(config) > MAX_DELAY_MS ? ['amount: a delay can last at most 30 days'] : [];
    case 'window':
      if (!config.windowStart || !config.windowEnd || !TIME_OF_DAY.test(config.windowStart) || !TIME_OF_DAY.test(config.windowEnd))
        return [];
      return minutesOfDay(config.windowEnd) <= minutesOfDay(config.windowStart)
        ? ['windowEnd: the window must close after it opens on the same day (e.g. 09:00 to 17:00)']
        : [];
    case 'until_date':
      return config.offsetAmount && !config.offsetUnit ? ['offsetUnit: say what the offset counts (minutes, hours, days)'] : [];
  }
}
