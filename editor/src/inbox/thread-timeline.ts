import type { ConversationNote, ThreadMessage } from '../api/inbox-api';

/** One line of the thread: a message in or out, or a team's internal note (never sent). */
export type ThreadEntry = { type: 'message'; at: string; message: ThreadMessage } | { type: 'note'; at: string; note: ConversationNote };

/** Messages and notes in one timeline, oldest first (a note stays where it was written among the messages). */
export function threadTimeline(messages: ThreadMessage[], notes: ConversationNote[]): ThreadEntry[] {
  const entries: ThreadEntry[] = [
    ...messages.map((message): ThreadEntry => ({ type: 'message', at: message.occurred_at, message })),
    ...notes.map((note): ThreadEntry => ({ type: 'note', at: note.created_at, note })),
  ];
  // A stable sort keeps each list's own order on equal timestamps.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
