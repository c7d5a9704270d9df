import { DateTime } from 'luxon';

export interface DateAnswerClock {
  /** BCP 47 locale whose day/month order numeric dates follow ("12/03/2026": 12 March in en-GB, 3 December in en-US). */
  locale: string;
  /** IANA zone "today" and "tomorrow" are counted in. */
  timeZone: string;
  /** ISO-8601 instant of the answer. */
  now: string;
}

const RELATIVE_DAYS: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1 };
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC_DATE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/;
/** Written months, read with the locale's month names: "12 March 2026", "March 12, 2026", "12 mar 2026". */
const WORDED_FORMATS = ['d MMMM yyyy', 'd MMM yyyy', 'MMMM d yyyy', 'MMM d yyyy', 'd. MMMM yyyy', 'd MMMM', 'MMMM d', 'd MMM', 'MMM d'];

/** The order day, month and year come in when the locale writes a date in numbers, e.g. ['day', 'month', 'year'] for en-GB. */
export function numericDateOrder(locale: string): Array<'day' | 'month' | 'year'> {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    Date.UTC(2026, 10, 23),
  );
  return parts.flatMap((part) => (part.type === 'day' || part.type === 'month' || part.type === 'year' ? [part.type] : []));
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = DateTime.fromObject({ year: year < 100 ? 2000 + year : year, month, day }, { zone: 'UTC' });
  return date.isValid && date.year >= 1000 ? date.toISODate() : null;
}

function numericDate(text: string, locale: string): string | null {
  const match = NUMERIC_DATE.exec(text);
  if (!match) return null;
  const numbers = match.slice(1, 4).map(Number);
  // A leading four-digit year is year-month-day everywhere ("2026/03/12").
  if (match[1].length === 4) return isoDate(numbers[0], numbers[1], numbers[2]);
  const order = numericDateOrder(locale);
  const value = (part: 'day' | 'month' | 'year') => numbers[order.indexOf(part)];
  return order.length === 3 ? isoDate(value('year'), value('month'), value('day')) : null;
}

function wordedDate(text: string, clock: DateAnswerClock): string | null {
  const cleaned = text
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const locale of [clock.locale, 'en-US']) {
    for (const format of WORDED_FORMATS) {
      const parsed = DateTime.fromFormat(cleaned, format, { locale, zone: clock.timeZone });
      if (!parsed.isValid) continue;
      // Without a year: the next such day from today.
      if (!format.includes('yyyy')) {
        const today = DateTime.fromISO(clock.now, { zone: clock.timeZone }).startOf('day');
        const thisYear = parsed.set({ year: today.year });
        return (thisYear < today ? thisYear.plus({ years: 1 }) : thisYear).toISODate();
      }
      return parsed.toISODate();
    }
  }
  return null;
}

/**
 * A typed date as an ISO date (`2026-03-12`), or null: ISO dates, numeric dates in the locale's day/month order,
 * dates with written months, and "today", "tomorrow", "yesterday" (in the account's time zone).
 */
export function parseDateAnswer(text: string, clock: DateAnswerClock): string | null {
  const answer = text.trim().toLowerCase();
  if (answer in RELATIVE_DAYS) {
    return DateTime.fromISO(clock.now, { zone: clock.timeZone }).plus({ days: RELATIVE_DAYS[answer] }).toISODate();
  }
  const iso = ISO_DATE.exec(answer);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return numericDate(answer, clock.locale) ?? wordedDate(text, clock);
}
