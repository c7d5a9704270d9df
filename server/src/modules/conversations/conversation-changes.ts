import type { EntityManager } from 'typeorm';

/** Postgres channel announcing a conversation change (payload: ConversationChange as JSON), delivered at commit. */
export const CONVERSATIONS_CHANNEL = 'dmflow_conversations';

export interface ConversationChange {
  account_id: string;
  contact_id: string;
  /** message: a message in or out; state: read, assigned, paused, done, a note. */
  change: 'message' | 'state';
}

/**
 * Announces a change inside the writer's transaction: NOTIFY is delivered at commit, to every listening process on
 * every host, so a browser told of a change always reads it (never before it is visible), and a rollback tells nobody.
 */
export async function announce(manager: EntityManager, change: ConversationChange): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', announcementParams(change));
}

/**
 * The announcement as part of a writer's own statement (a `WITH` query, `FROM` one of its data-modifying queries, so it
 * is made once, and only when that query wrote a row); the placeholders hold `announcementParams`.
 */
export function announcementSql(from: string, channelParam: string, changeParam: string): string {
  return `SELECT pg_notify(${channelParam}, ${changeParam}) FROM ${from}`;
}

export function announcementParams(change: ConversationChange): [string, string] {
  return [CONVERSATIONS_CHANNEL, JSON.stringify(change)];
}
