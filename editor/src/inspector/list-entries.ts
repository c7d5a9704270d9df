/**
 * Pure rules of the string-list editor (keywords, tags, public-reply variants): the entries already added, plus the
 * entry being typed, which counts as the last entry while it is not empty. Spaces are never removed while typing;
 * only Enter (or a comma, for word lists) ends an entry, and pasted lines become entries.
 */

const clean = (entries: readonly string[]) => entries.map((entry) => entry.trim()).filter((entry) => entry !== '');

/** The entries the document holds for `added` entries and the text being typed. */
export function listValue(added: readonly string[], typing: string): string[] {
  return clean([...added, typing]);
}

/**
 * Splits what the author's field now holds into finished entries and the text still being typed: a typed comma
 * ends a word entry (keywords, tags), while a sentence (a public reply) keeps its commas.
 */
export function splitTyping(text: string, commaSeparated: boolean): { finished: string[]; typing: string } {
  const separator = commaSeparated ? /[,\n]/ : /\n/;
  const parts = text.split(separator);
  const typing = parts.pop() ?? '';
  return { finished: clean(parts), typing };
}

/** Pasted text: one entry per line (and per comma for word lists); a single pasted line stays in the field. */
export function splitPasted(text: string, commaSeparated: boolean): string[] | null {
  const separator = commaSeparated ? /[,\r\n]/ : /[\r\n]/;
  return separator.test(text) ? clean(text.split(separator)) : null;
}

/**
 * Which of the document's entries are shown as added: all of them, except the last while it is the text being
 * typed. When the document changed under the field (undo, another edit), the typed text no longer matches and is dropped.
 */
export function addedEntries(value: readonly string[], typing: string): { added: string[]; typing: string } {
  const typed = typing.trim();
  if (typed === '') return { added: [...value], typing: '' };
  if (value.length > 0 && value[value.length - 1] === typed) return { added: value.slice(0, -1), typing };
  return { added: [...value], typing: '' };
}
