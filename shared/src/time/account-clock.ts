import { IANAZone } from 'luxon';

/** Whether `name` is an IANA time zone this runtime knows (`Europe/London`, `UTC`); abbreviations like `CET` are refused. */
export function isTimeZone(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name) && IANAZone.isValidZone(name);
}

/** The canonical form of a BCP 47 locale (`en-gb` → `en-GB`), or null when it is not one. */
export function canonicalLocale(tag: unknown): string | null {
  if (typeof tag !== 'string' || !tag.trim()) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}
