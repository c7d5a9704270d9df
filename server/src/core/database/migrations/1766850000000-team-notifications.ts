import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The "Notify the team" block's inbox notifications: one row per member per effect. (effect_key, user_id) is unique,
 * so a retried effect adds nobody twice; emailed_at marks the member's email as sent, so a retry (e.g. after the
 * Slack webhook failed) does not email them again.
 */
export class TeamNotifications1766850000000 implements MigrationInterface {
  name = 'TeamNotifications1766850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE team_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        effect_key text NOT NULL,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        flow_id uuid,
        run_id uuid,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz,
        CONSTRAINT team_notifications_once UNIQUE (effect_key, user_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX team_notifications_inbox ON team_notifications (account_id, user_id, created_at DESC, id DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE team_notifications');
  }
}
