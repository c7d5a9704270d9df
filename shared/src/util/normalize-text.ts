/** Case- and accent-insensitive form used for keyword and choice matching ("Café" → "cafe"). */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalized text, punctuation stripped, for keyword matching. */
export function words(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}#@_]+/u)
    .filter(Boolean);
}
