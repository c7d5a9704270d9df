/**
 * `conversations.search_text`, what the inbox search matches (trigram index `conversations_search`): the contact's
 * username on the first line, then the newest message texts, newest first, cut at SEARCH_TEXT_CHARS. The username is
 * read from `contacts` whenever a message is recorded, so a renamed contact is found by the new name from their next
 * message on. Message text older than the cut is found by opening the thread, not by the inbox search.
 */
export const SEARCH_TEXT_CHARS = 1000;

/** SQL for the contact's username line (`contactParam`: the placeholder holding the contact id). */
export function usernameLineSql(contactParam: string): string {
  return `(SELECT coalesce(username, '') FROM contacts WHERE id = ${contactParam})`;
}

/**
 * SQL for the search text after recording a message: the username line, the new text (`textParam`, may be null), then
 * the message lines of `previous` (an SQL expression for the current search text; its first line is the old username).
 */
export function searchTextAfterMessageSql(contactParam: string, textParam: string, previous: string | null): string {
  const previousMessages = previous
    ? `CASE WHEN position(E'\\n' IN ${previous}) > 0 THEN substr(${previous}, position(E'\\n' IN ${previous}) + 1) END`
    : 'NULL';
  return `left(concat_ws(E'\\n', ${usernameLineSql(contactParam)}, ${textParam}::text, ${previousMessages}), ${SEARCH_TEXT_CHARS})`;
}
