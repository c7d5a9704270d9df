import { numericDateOrder, parseDateAnswer } from './date-answer';

const NOW = '2026-06-10T23:30:00Z';
const parse = (text: string, locale: string, timeZone = 'UTC') => parseDateAnswer(text, { locale, timeZone, now: NOW });

describe('parseDateAnswer', () => {
  it.each([
    ['12/03/2026', 'en-GB', '2026-03-12'],
    ['12/03/2026', 'en-US', '2026-12-03'],
    ['12.03.2026', 'de-DE', '2026-03-12'],
    ['3/12/26', 'en-US', '2026-03-12'],
    ['2026/03/12', 'en-US', '2026-03-12'],
    ['2026-03-12', 'en-GB', '2026-03-12'],
    ['2026-03-12T15:00:00Z', 'en-US', '2026-03-12'],
    ['12 March 2026', 'en-US', '2026-03-12'],
    ['March 12th, 2026', 'en-GB', '2026-03-12'],
    ['12 mars 2026', 'fr-FR', '2026-03-12'],
  ])('%j in %s is %s', (text, locale, expected) => {
    expect(parse(text, locale)).toBe(expected);
  });

  it('counts "today" and "tomorrow" in the account’s zone', () => {
    expect(parse('tomorrow', 'en-US')).toBe('2026-06-11');
    expect(parse('Today', 'en-GB', 'Asia/Tokyo')).toBe('2026-06-11');
    expect(parse('tomorrow', 'en-GB', 'Asia/Tokyo')).toBe('2026-06-12');
  });

  it('reads a date without a year as the next such day', () => {
    expect(parse('12 March', 'en-GB')).toBe('2027-03-12');
    expect(parse('12 July', 'en-GB')).toBe('2026-07-12');
  });

  it.each([
    ['31/02/2026', 'en-GB'],
    ['13/13/2026', 'en-US'],
    ['soon', 'en-US'],
    ['12/03', 'en-GB'],
    ['', 'en-US'],
    ['2026-13-01', 'en-US'],
  ])('refuses %j in %s', (text, locale) => {
    expect(parse(text, locale)).toBeNull();
  });

  it('finds the locale’s day/month order', () => {
    expect(numericDateOrder('en-US')).toEqual(['month', 'day', 'year']);
    expect(numericDateOrder('en-GB')).toEqual(['day', 'month', 'year']);
    expect(numericDateOrder('ja-JP')).toEqual(['year', 'month', 'day']);
  });
});
