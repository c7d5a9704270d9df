const encoder = new TextEncoder();

/** Size of `text` in UTF-8 bytes, the unit of Instagram's message text limit. */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Number of characters as a person counts them (code points, so an emoji is one). */
export function characterCount(text: string): number {
  return [...text].length;
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, never cutting a character in two. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8ByteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    bytes += utf8ByteLength(character);
    if (bytes > maxBytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}
