import { describe, expect, it } from 'vitest';
import { addedEntries, listValue, splitPasted, splitTyping } from './list-entries';

/** Replays typing key by key, as the component does, and returns the document's value after each key. */
function typeInto(keys: string, commaSeparated: boolean, start: string[] = []): string[] {
  let value = start;
  let typing = '';
  for (const key of keys) {
    const shown = addedEntries(value, typing);
    if (key === '\n') {
      typing = '';
      value = listValue(shown.added, shown.typing);
      continue;
    }
    const split = splitTyping(shown.typing + key, commaSeparated);
    typing = split.typing;
    value = listValue([...shown.added, ...split.finished], typing);
  }
  return value;
}

describe('list entries typed key by key', () => {
  it('keeps the spaces of a keyword', () => {
    expect(typeInto('free guide', true)).toEqual(['free guide']);
  });

  it('ends a keyword at a comma or Enter', () => {
    expect(typeInto('free guide, ebook', true)).toEqual(['free guide', 'ebook']);
    expect(typeInto('free guide\nebook', true)).toEqual(['free guide', 'ebook']);
  });

  it('keeps the commas of a sentence and ends it only at Enter', () => {
    expect(typeInto('Thanks, check your inbox!', false)).toEqual(['Thanks, check your inbox!']);
    expect(typeInto('Thanks, check your inbox!\nSent! Look in your DMs', false)).toEqual([
      'Thanks, check your inbox!',
      'Sent! Look in your DMs',
    ]);
  });

  it('adds to the entries already there', () => {
    expect(typeInto('ebook', true, ['free guide'])).toEqual(['free guide', 'ebook']);
  });

  it('shows the typed text as typed, trailing space included, while the document holds it trimmed', () => {
    expect(addedEntries(['a', 'free'], 'free ')).toEqual({ added: ['a'], typing: 'free ' });
    // The document changed under the field (undo): the typed text is dropped, every entry shows as added.
    expect(addedEntries(['a'], 'free ')).toEqual({ added: ['a'], typing: '' });
  });

  it('splits pasted lines, and commas only in word lists', () => {
    expect(splitPasted('free guide\nebook', false)).toEqual(['free guide', 'ebook']);
    expect(splitPasted('free guide, ebook', true)).toEqual(['free guide', 'ebook']);
    expect(splitPasted('Thanks, check your inbox!', false)).toBeNull();
  });
});
