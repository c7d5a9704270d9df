import { IANAZone } from 'luxon';

/** Whether `name` is an IANA time zone this runtime knows (`Europe/London`, `UTC`); offsets like `+02:00` are not names. */
export function isTimeZone(name: string): boolean {
  return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name) && IANAZone.isValidZone(name);
}

/** The canonical form of a BCP 47 locale (`en-gb` → `en-GB`), or null when it is not one. */
export function canonicalLocale(tag: string): string | null {
  if (!tag.trim()) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}
