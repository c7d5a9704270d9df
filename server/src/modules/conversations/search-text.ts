import type { MessageSenderType } from './entities/conversation-message.entity';

/**
 * `conversation_search_texts`, what the inbox search matches (trigram index `conversation_search_texts_trgm`), one row
 * per conversation: the contact's username on the first line, then the newest texts people wrote, newest first, cut
 * at SEARCH_TEXT_CHARS. People are the contact (inbound messages) and the workspace's side when a person or their
 * system wrote the text: replies sent by a member from the inbox and messages sent through the API (`member`, `api`).
 * Automated flow messages (`flow`) are left out: they are the same few templates in every conversation, and skipping
 * them keeps the search text (and its GIN entries) out of most messages' writes.
 *
 * The row is created with its conversation (the username alone when automation wrote first) and rewritten, in the
 * transaction that records the message, for each message people wrote; the username is read from `contacts` then, so
 * a renamed contact is found by the new name from the next such message on. Text older than the cut is found by
 * opening the thread, not by the inbox search.
 */
export const SEARCH_TEXT_CHARS = 1000;

/** Whether a message's text joins its conversation's search text: what people wrote, not automation. */
export function isSearchable(sender: MessageSenderType): boolean {
  return sender !== 'flow';
}

/** SQL for the contact's username line (`contactParam`: the placeholder holding the contact id). */
function usernameLineSql(contactParam: string): string {
  return `(SELECT coalesce(username, '') FROM contacts WHERE id = ${contactParam})`;
}

/**
 * A statement that keeps the conversation's search text, run in the statement that upserts the conversation (the
 * `WITH` query `conversation`, which must return one row): reading from it orders the writes, conversation first, as
 * everywhere (and the new row's foreign key finds its conversation). With `textParam` (the placeholder of a message
 * people wrote; its value may be null): the username line, that text and the message lines of the current text.
 * Without it: creates the username-only row if there is none, and writes nothing when there is one.
 */
export function searchTextUpsertSql(contactParam: string, accountParam: string, textParam: string | null): string {
  const insert = `INSERT INTO conversation_search_texts (contact_id, account_id, search_text)`;
  const row = (text: string) => `SELECT ${contactParam}::uuid, ${accountParam}::uuid, ${text} FROM conversation`;
  if (!textParam) return `${insert} ${row(usernameLineSql(contactParam))} ON CONFLICT (contact_id) DO NOTHING`;
  const previous = 'conversation_search_texts.search_text';
  const previousMessages = `CASE WHEN position(E'\\n' IN ${previous}) > 0 THEN substr(${previous}, position(E'\\n' IN ${previous}) + 1) END`;
  const text = (rest: string) =>
    `left(concat_ws(E'\\n', ${usernameLineSql(contactParam)}, ${textParam}::text${rest}), ${SEARCH_TEXT_CHARS})`;
  return `${insert} ${row(text(''))}
    ON CONFLICT (contact_id) DO UPDATE SET search_text = ${text(`, ${previousMessages}`)}, updated_at = now()`;
}
