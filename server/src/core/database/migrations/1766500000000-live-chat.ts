import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live chat (issue 20). `conversation_messages`: every message in and out, per contact, kept as long as the contact
 * (not pruned with the inbox); `dedupe_key` makes recording idempotent (a replayed event or effect records once).
 * `conversations`: one row per contact with a message, the inbox list (newest first) and its state: unread, open/done,
 * assignee, automation paused (until a time, or until resumed when `automation_paused_until` is null).
 * `conversation_notes`: internal notes. `live_chat_settings`: per workspace, HUMAN_AGENT and the round-robin cursor.
 */
export class LiveChat1766500000000 implements MigrationInterface {
  name = 'LiveChat1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE conversation_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        dedupe_key text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        kind text NOT NULL,
        text text,
        attachments jsonb NOT NULL DEFAULT '[]',
        meta_message_id text,
        meta_comment_id text,
        sender_type text NOT NULL CHECK (sender_type IN ('contact', 'flow', 'api', 'member')),
        flow_id uuid,
        run_id uuid,
        node_id text,
        api_key_id uuid,
        user_id uuid,
        tag text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT conversation_messages_once UNIQUE (contact_id, dedupe_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX conversation_messages_thread ON conversation_messages (contact_id, occurred_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE conversations (
        contact_id uuid PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        -- written from JS dates (milliseconds), so keyset cursors compare it exactly and the index serves the order
        last_message_at timestamptz NOT NULL,
        last_message_text text,
        last_direction text NOT NULL,
        last_inbound_at timestamptz,
        unread_count integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        assignee_user_id uuid,
        automation_paused_at timestamptz,
        automation_paused_until timestamptz,
        handover_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX conversations_inbox ON conversations (account_id, last_message_at DESC, contact_id DESC)`);
    await queryRunner.query(
      `CREATE INDEX conversations_assignee ON conversations (account_id, assignee_user_id, last_message_at DESC) WHERE assignee_user_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE conversation_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        author_user_id uuid,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX conversation_notes_contact ON conversation_notes (contact_id, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE live_chat_settings (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        human_agent_enabled boolean NOT NULL DEFAULT false,
        last_assigned_user_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE live_chat_settings');
    await queryRunner.query('DROP TABLE conversation_notes');
    await queryRunner.query('DROP TABLE conversations');
    await queryRunner.query('DROP TABLE conversation_messages');
  }
}
