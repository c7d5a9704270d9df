import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox search text moves out of `conversations` into a table of its own (issue 22):
 * `conversation_search_texts`, one row per conversation, the contact's username on the first line, then the newest
 * texts people wrote (the contact's messages, and replies sent by a member or through the API; not automated flow
 * messages), newest first, cut at 1,000 characters, under the GIN trigram index `conversation_search_texts_trgm`.
 *
 * Before, every message in or out rewrote `conversations.search_text` in the update that also moves the indexed
 * `last_message_at`; that update is never HOT, so each message re-inserted the trigrams of the whole text into the GIN
 * index (3,395 WAL bytes per message against 1,358 without it). Now automated messages do not touch the search text,
 * and a conversation's update no longer carries 1,000 characters of text and their index entries.
 *
 * The row belongs to its conversation (`ON DELETE CASCADE` from `conversations`, which cascades from `contacts`, which
 * cascades from `accounts` and `instagram_accounts`), so erasing a contact or deleting a workspace removes it.
 * The texts are rebuilt from the messages rather than copied, so what automation wrote is not searchable from the
 * migration on (as a server writing the new rule from the start would have it).
 */
export class ConversationSearchTexts1766890000000 implements MigrationInterface {
  name = 'ConversationSearchTexts1766890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE conversation_search_texts (
        contact_id uuid PRIMARY KEY REFERENCES conversations(contact_id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        search_text text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO conversation_search_texts (contact_id, account_id, search_text)
      SELECT c.contact_id, c.account_id, left(concat_ws(E'\\n', coalesce(ct.username, ''),
               (SELECT string_agg(m.text, E'\\n' ORDER BY m.occurred_at DESC, m.id DESC)
                  FROM (SELECT text, occurred_at, id FROM conversation_messages
                         WHERE contact_id = c.contact_id AND text IS NOT NULL AND sender_type <> 'flow'
                         ORDER BY occurred_at DESC, id DESC LIMIT 50) m)), 1000)
        FROM conversations c JOIN contacts ct ON ct.id = c.contact_id`);
    await queryRunner.query(
      'CREATE INDEX conversation_search_texts_trgm ON conversation_search_texts USING gin (search_text gin_trgm_ops)',
    );
    await queryRunner.query('DROP INDEX conversations_search');
    await queryRunner.query('ALTER TABLE conversations DROP COLUMN search_text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversations ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
      UPDATE conversations c SET search_text = s.search_text
        FROM conversation_search_texts s WHERE s.contact_id = c.contact_id`);
    await queryRunner.query('CREATE INDEX conversations_search ON conversations USING gin (search_text gin_trgm_ops)');
    await queryRunner.query('DROP TABLE conversation_search_texts');
  }
}
