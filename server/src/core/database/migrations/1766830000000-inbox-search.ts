import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live chat inbox search and filters at 100,000 conversations (issue 20).
 * - conversations.search_text: what the inbox search matches, kept by the conversations store in the transaction that
 *   records each message: the contact's username on the first line, then the newest message texts, newest first,
 *   cut at 1,000 characters. Denormalised so one trigram index answers `q` without joining or scanning messages.
 * - pg_trgm (a trusted contrib extension since Postgres 13: the database owner may create it) and a GIN trigram
 *   index on it, which serves `ILIKE '%…%'` for any query of three characters or more.
 * - conversations_paused: the few paused conversations, newest first, so `filter=paused` reads only them.
 * - contacts_tags: GIN on contacts.tags, so a rare tag (`tags @> ARRAY[tag]`) finds its contacts without a scan.
 * - conversations_open_counts: the counts per person read only open conversations, from the index alone.
 */
export class InboxSearch1766830000000 implements MigrationInterface {
  name = 'InboxSearch1766830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`ALTER TABLE conversations ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
      UPDATE conversations c SET search_text = left(concat_ws(E'\\n', coalesce(ct.username, ''),
               (SELECT string_agg(m.text, E'\\n' ORDER BY m.occurred_at DESC, m.id DESC)
                  FROM (SELECT text, occurred_at, id FROM conversation_messages
                         WHERE contact_id = c.contact_id AND text IS NOT NULL ORDER BY occurred_at DESC, id DESC LIMIT 50) m)), 1000)
        FROM contacts ct WHERE ct.id = c.contact_id`);
    await queryRunner.query('CREATE INDEX conversations_search ON conversations USING gin (search_text gin_trgm_ops)');
    await queryRunner.query(
      `CREATE INDEX conversations_paused ON conversations (account_id, last_message_at DESC, contact_id DESC)
        WHERE automation_paused_at IS NOT NULL`,
    );
    await queryRunner.query('CREATE INDEX contacts_tags ON contacts USING gin (tags)');
    await queryRunner.query(
      `CREATE INDEX conversations_open_counts ON conversations (account_id, assignee_user_id) INCLUDE (unread_count) WHERE status = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX conversations_open_counts');
    await queryRunner.query('DROP INDEX contacts_tags');
    await queryRunner.query('DROP INDEX conversations_paused');
    await queryRunner.query('DROP INDEX conversations_search');
    await queryRunner.query('ALTER TABLE conversations DROP COLUMN search_text');
  }
}
