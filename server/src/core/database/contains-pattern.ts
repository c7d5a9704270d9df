/** The `LIKE` pattern matching `search` anywhere, any of its characters literal (`%`, `_` and `\` included). */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
